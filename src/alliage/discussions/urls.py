from __future__ import annotations

from django.urls import path

from . import views

app_name = "discussions"

thread = "discussions/<str:key>/<int:pk>/<slug:channel>/"

urlpatterns = [
    path(thread, views.thread, name="thread"),
    path(f"{thread}people/", views.people, name="people"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment-edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment-delete"),
    path("comments/<int:pk>/history/", views.comment_history, name="comment-history"),
]

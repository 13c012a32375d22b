"""The public pages of newsletters: a programme's archive, one issue, the unsubscribe page."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "newsletters"
urlpatterns = [
    path("programmes/<slug:slug>/newsletters/", views.archive, name="archive"),
    path(
        "programmes/<slug:slug>/newsletters/<int:pk>/",
        views.archive_detail,
        name="archive-detail",
    ),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

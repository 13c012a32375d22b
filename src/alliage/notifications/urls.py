from __future__ import annotations

from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("me/notifications/", views.centre, name="centre"),
    path("me/notifications/<int:pk>/read/", views.mark_read, name="mark-read"),
    path("me/notifications/settings/", views.settings_page, name="settings"),
    path("me/notifications/read/", views.mark_all_read, name="mark-all-read"),
    path("me/notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

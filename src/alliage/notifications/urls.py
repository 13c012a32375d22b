"""A person's notifications, /me/notifications/ (and /en/me/notifications/)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("me/notifications/", views.centre, name="centre"),
    path("me/notifications/read/", views.mark_read, name="read-all"),
    path("me/notifications/<int:pk>/read/", views.mark_read, name="read"),
    path("me/notifications/settings/", views.settings_page, name="settings"),
]

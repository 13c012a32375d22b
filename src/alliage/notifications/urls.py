from __future__ import annotations

from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("me/notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

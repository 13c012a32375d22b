"""A signed-in person's own space, /me/ (and /en/me/)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "myspace"
urlpatterns = [
    path("me/", views.my_space, name="home"),
]

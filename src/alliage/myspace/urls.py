"""A signed-in person's own space, /me/ (and /en/me/)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "myspace"
urlpatterns: list[URLPattern] = []

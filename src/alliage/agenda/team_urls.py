"""The team's pages of the agenda app, under /team/ (`team:agenda:…`)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "agenda"
urlpatterns: list[URLPattern] = []

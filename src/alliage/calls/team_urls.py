"""The team's pages of the calls app, under /team/ (`team:calls:…`)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "calls"
urlpatterns: list[URLPattern] = []

"""The team's pages of the actors app, under /team/ (`team:actors:…`)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "actors"
urlpatterns: list[URLPattern] = []

"""The team's pages of the coalitions app, under /team/ (`team:programmes:…`)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "programmes"
urlpatterns: list[URLPattern] = []

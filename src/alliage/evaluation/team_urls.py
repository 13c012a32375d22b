"""The team's pages of the evaluation app, under /team/indicators/ (`team:indicators:…`)."""

from __future__ import annotations

from django.urls import path

from .views import team

app_name = "indicators"
urlpatterns = [
    path("", team.attention_list, name="attention-list"),
]

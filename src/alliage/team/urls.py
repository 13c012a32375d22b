"""The team's area: its dashboard, and each app's team pages under one prefix, /team/ (and
/en/team/)."""

from __future__ import annotations

from django.urls import include, path

from . import views

app_name = "team"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("programmes/", include("alliage.coalitions.team_urls")),
    path("calls/", include("alliage.calls.team_urls")),
    path("events/", include("alliage.agenda.team_urls")),
    path("newsletters/", include("alliage.newsletters.team_urls")),
    path("actors/", include("alliage.actors.team_urls")),
    path("import/", include("alliage.imports.urls")),
    path("indicators/", include("alliage.evaluation.team_urls")),
    path("moderation/", include("alliage.moderation.team_urls")),
]

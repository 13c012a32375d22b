"""The team's area: each app's team pages under one prefix, /team/ (and /en/team/)."""

from __future__ import annotations

from django.urls import include, path

app_name = "team"
urlpatterns = [
    path("programmes/", include("alliage.coalitions.team_urls")),
    path("calls/", include("alliage.calls.team_urls")),
    path("events/", include("alliage.agenda.team_urls")),
    path("actors/", include("alliage.actors.team_urls")),
    path("import/", include("alliage.imports.urls")),
]

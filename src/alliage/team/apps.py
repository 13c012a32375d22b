"""Team: the programme team's area (/team/), its dashboard and menu, over the pages each
app adds for the team. Sits on top: may import every app's selectors and services."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamConfig(AppConfig):
    name = "alliage.team"
    label = "team"
    verbose_name = _("Programme team")

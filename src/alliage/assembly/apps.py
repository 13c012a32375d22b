"""The general assembly: an agenda event with a voter roll frozen from the memberships in good
standing, attendance, proxies (pouvoirs), a quorum, motions voted openly or by secret ballot,
elections, and the minutes (procès-verbal). May import core, actors, coalitions, agenda and
notifications."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssemblyConfig(AppConfig):
    name = "alliage.assembly"
    label = "assembly"
    verbose_name = _("General assembly")

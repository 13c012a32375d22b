"""Agenda: the programme's events and series, registrations with capacity and waitlist, calendars.

May import core, actors and coalitions.
"""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "alliage.agenda"
    label = "agenda"
    verbose_name = _("Agenda")

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

    def ready(self) -> None:
        from alliage.actors.registry import register_profile_section
        from alliage.coalitions.registry import register_page_section

        from .profile import events_section, upcoming_section

        register_profile_section(events_section)
        register_page_section(upcoming_section)

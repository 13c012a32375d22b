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

        from alliage.core.personal_data import register_personal_data

        from .selfdata import PERSONAL_DATA

        register_personal_data(PERSONAL_DATA)

        from alliage.core.opendata import register_queryset_exporter

        from .models import Audience, Event

        register_queryset_exporter(
            "events",
            title=_("Events"),
            description=_("Events open to everyone (their online link is not included)."),
            queryset=lambda: Event.objects.filter(audience=Audience.PUBLIC).order_by("starts_at"),
            fields="slug title kind programme__slug starts_at ends_at timezone place status "
            "capacity description",
            app_label=self.label,
        )

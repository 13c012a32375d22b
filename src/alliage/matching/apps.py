"""Matching: the index over actors, coalitions and submissions, suggestions of who should work
together and why, similar ideas, convergences of a call. May import core, actors, coalitions,
calls (the apps it indexes and the pages it adds to)."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "alliage.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from alliage.actors.registry import register_profile_section
        from alliage.coalitions.registry import register_page_section

        from . import signals
        from .sections import coalitions_for_actor_section, invite_section

        signals.connect()
        register_page_section(invite_section)
        register_profile_section(coalitions_for_actor_section)

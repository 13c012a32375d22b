"""Coalitions: programmes, coalitions and their canvas, members, join requests and history.

May import core and actors.
"""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "alliage.coalitions"
    label = "coalitions"
    verbose_name = _("Coalitions")

    def ready(self) -> None:
        from alliage.actors.registry import register_profile_section

        from .profile import coalitions_section

        register_profile_section(coalitions_section)

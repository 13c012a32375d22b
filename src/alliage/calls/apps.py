"""Calls: calls for ideas, projects and applications, submissions, blind review, decisions.

May import core, actors and coalitions (an accepted submission becomes a coalition).
"""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "alliage.calls"
    label = "calls"
    verbose_name = _("Calls")

    def ready(self) -> None:
        from alliage.coalitions.registry import register_page_section

        from .profile import calls_section

        register_page_section(calls_section)

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

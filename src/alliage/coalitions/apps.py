"""Coalitions: programmes, coalitions and their canvas, members, join requests and history.

May import core and actors. What it adds to other apps is in ``hooks.py``.
"""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "alliage.coalitions"
    label = "coalitions"
    verbose_name = _("Coalitions")

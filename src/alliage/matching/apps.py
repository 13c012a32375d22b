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

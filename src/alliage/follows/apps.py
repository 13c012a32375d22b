"""Follows: who follows which coalition, programme, call or organisation, so that their news
reaches the followers. May import core and actors only; the followable models are named, not
imported."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    name = "alliage.follows"
    label = "follows"
    verbose_name = _("Follows")

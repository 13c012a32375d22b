"""Moderation: reports of what people wrote, the team's queue, hiding and restoring with a
reason. May import core, actors and coalitions; the apps above register what may be
reported (``hooks.REPORTABLES``), so moderation imports none of them."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "alliage.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

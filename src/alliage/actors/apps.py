"""Actors: organisations, people, their affiliations, tags and memberships (adhésions).

May import core and notifications only. What it adds to other apps is in ``hooks.py``.
"""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "alliage.actors"
    label = "actors"
    verbose_name = _("Actors")

"""Imports: bulk import of organisations, people, memberships and indicator measurements
from CSV or XLSX, previewed then committed all or nothing. May import core, actors, coalitions
and evaluation (their services do the writing)."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "alliage.imports"
    label = "imports"
    verbose_name = _("Imports")

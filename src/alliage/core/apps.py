"""Core: the user model, the audit log, base templates and shared helpers (markdown, pagination,
hooks). Imports no other Alliage app; every other app may import it.
"""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "alliage.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import (
            health,  # noqa: F401  (registers the cache's part of /healthz)
            pagecache,  # noqa: F401  (watches every connection for writes)
        )
        from .hooks import HEALTH_CHECKS, autodiscover, register
        from .personal_data import register_personal_data
        from .selfdata import PERSONAL_DATA
        from .storage import storage_check

        register_personal_data(PERSONAL_DATA)
        register(HEALTH_CHECKS, storage_check)
        autodiscover()  # every app's hooks.py: what each adds to the others
        post_migrate.connect(_search_indexes_ensure, sender=self)


def _search_indexes_ensure(using: str = "default", **kwargs: Any) -> None:
    """After every ``migrate``: a SQLite table that a migration rebuilt has lost its search
    triggers, which this puts back (and refills that index)."""
    from .search import search_indexes_ensure

    search_indexes_ensure(using=using)

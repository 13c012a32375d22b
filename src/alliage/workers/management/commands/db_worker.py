"""``alliage db_worker`` is ``alliage worker``: the name django-tasks gives its worker, kept so
that nobody starts the plain one by mistake (this app comes first in INSTALLED_APPS)."""

from __future__ import annotations

from .worker import Command

__all__ = ["Command"]

"""Workers: the task worker that survives database outages, task leases (heartbeats, stale
tasks taken again), the ledger that keeps a task taken twice from e-mailing twice, and the
queue's health. Imports core only; every app's tasks may import it."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkersConfig(AppConfig):
    name = "alliage.workers"
    label = "workers"
    verbose_name = _("Task workers")

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A running worker says it is alive every few seconds; the tasks it holds are on a lease
    that lapses when it stops (``services.tasks_recover``)."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process"), default=0)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    seen_at = models.DateTimeField(_("last seen"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")
        ordering = ("-seen_at",)

    def __str__(self) -> str:
        return f"{self.worker_id} {self.seen_at:%Y-%m-%d %H:%M:%S}"


class TaskEffect(models.Model):
    """Something a task run did that must not happen twice (an e-mail to one address). A task
    taken again after its worker died skips what its first run already did."""

    task_id = models.UUIDField(_("task"))
    key = models.CharField(_("effect"), max_length=200)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("task effect")
        verbose_name_plural = _("task effects")
        constraints = (
            models.UniqueConstraint(fields=("task_id", "key"), name="workers_effect_once"),
        )

    def __str__(self) -> str:
        return f"{self.task_id} {self.key}"

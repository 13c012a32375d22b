"""Reads of the workers: the health of the task queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat


def queue_max_age() -> dt.timedelta:
    """A task READY for longer than this means no worker takes the queue's work."""
    return dt.timedelta(minutes=int(getattr(settings, "ALLIAGE_QUEUE_MAX_AGE_MINUTES", 15)))


@dataclass(frozen=True)
class QueueHealth:
    ready: int
    oldest_ready_seconds: int | None
    worker_seen_seconds: int | None

    @property
    def healthy(self) -> bool:
        return (
            self.oldest_ready_seconds is None
            or self.oldest_ready_seconds <= queue_max_age().total_seconds()
        )


def queue_health(*, now: dt.datetime | None = None) -> QueueHealth:
    """How many tasks wait to run now, how long the oldest has waited, and when a worker was
    last seen: three aggregate queries, whatever the size of the queue."""
    now = now or timezone.now()
    ready = DBTaskResult.objects.ready().aggregate(count=Count("id"), oldest=Min("enqueued_at"))
    seen = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
    return QueueHealth(
        ready=ready["count"],
        oldest_ready_seconds=(
            None
            if ready["oldest"] is None
            else max(0, int((now - ready["oldest"]).total_seconds()))
        ),
        worker_seen_seconds=None if seen is None else max(0, int((now - seen).total_seconds())),
    )

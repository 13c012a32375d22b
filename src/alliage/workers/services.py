"""Writes of the workers: heartbeats, recovery of the tasks whose lease lapsed, and the ledger
of effects a task run already produced."""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import TaskEffect, WorkerHeartbeat

logger = logging.getLogger("alliage.workers")

T = TypeVar("T")

# The task run in progress in this process (set by ``worker.ResilientWorker``), so that
# ``effect_once`` knows whose effects to record; None outside our worker (tests, the
# immediate backend), where a task runs once and nothing is recorded.
current_task_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "alliage_current_task_id", default=None
)

# How long a task may run before it counts as hung and is taken again, by task path; the
# archive of a person's data and the open-data archive read a lot.
MAX_RUNTIME_MINUTES = {
    "alliage.selfdata.tasks.export_build_task": 30,
    "alliage.commons.tasks.opendata_rebuild": 30,
}
DEFAULT_MAX_RUNTIME_MINUTES = 10


class TaskAbandoned(Exception):
    """Recorded on a task given up after its worker was lost too many times."""


def lease() -> dt.timedelta:
    """A worker not seen for this long is dead, and its tasks are taken again."""
    return dt.timedelta(seconds=int(getattr(settings, "ALLIAGE_WORKER_LEASE_SECONDS", 60)))


def max_attempts() -> int:
    return int(getattr(settings, "ALLIAGE_TASK_MAX_ATTEMPTS", 3))


def max_runtime(task_path: str) -> dt.timedelta:
    minutes = getattr(settings, "ALLIAGE_TASK_MAX_MINUTES", {}).get(
        task_path, MAX_RUNTIME_MINUTES.get(task_path, DEFAULT_MAX_RUNTIME_MINUTES)
    )
    return dt.timedelta(minutes=minutes)


def heartbeat_beat(*, worker_id: str, now: dt.datetime | None = None) -> None:
    """The worker is alive: its lease on the tasks it runs is renewed."""
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={
                "seen_at": now,
                "started_at": now,
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
            },
        )


def heartbeat_forget(*, worker_id: str) -> None:
    """A worker that stops cleanly says so."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


@dataclass(frozen=True)
class Recovered:
    requeued: int = 0
    failed: int = 0


@transaction.atomic
def tasks_recover(
    *, now: dt.datetime | None = None, own_worker_id: str = "", busy: frozenset[str] = frozenset()
) -> Recovered:
    """Take again the RUNNING tasks whose worker is gone: it has not renewed its lease
    (killed, its machine lost), or the task has run past its kind's longest time (hung).
    The worker calling this (``own_worker_id``) runs nothing at that moment except ``busy``,
    so its own RUNNING tasks were lost to a database error. A task put back in the queue
    runs again at once the first time, then waits 30 s more at each attempt; after
    ``ALLIAGE_TASK_MAX_ATTEMPTS`` it fails with ``TaskAbandoned``. Every task is safe to run
    twice (see ``effect_once``)."""
    now = now or timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=now - lease()).values_list(
            "worker_id", flat=True
        )
    )
    alive.discard(own_worker_id)
    requeued = failed = 0
    running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
    for result in running:
        if str(result.id) in busy:
            continue
        holder = result.worker_ids[-1] if result.worker_ids else ""
        overdue = result.started_at is None or result.started_at < now - max_runtime(
            result.task_path
        )
        if holder in alive and not overdue:
            continue
        attempts = len(result.worker_ids)
        if attempts >= max_attempts():
            result.set_failed(
                TaskAbandoned(f"worker {holder or '?'} lost the task {attempts} times; given up")
            )
            logger.error(
                "Task %s (%s) given up after %s attempts", result.id, result.task_path, attempts
            )
            failed += 1
            continue
        result.status = TaskResultStatus.READY
        result.started_at = None
        result.run_after = now + dt.timedelta(seconds=30 * (attempts - 1))
        result.save(update_fields=["status", "started_at", "run_after"])
        logger.warning(
            "Task %s (%s) taken back from worker %s (attempt %s)",
            result.id,
            result.task_path,
            holder or "?",
            attempts,
        )
        requeued += 1
    return Recovered(requeued=requeued, failed=failed)


def workers_forget_old(*, now: dt.datetime | None = None) -> None:
    """Heartbeats of workers gone for a day, and effects older than a week (no task is taken
    again that late), are dropped."""
    now = now or timezone.now()
    WorkerHeartbeat.objects.filter(seen_at__lt=now - dt.timedelta(days=1)).delete()
    TaskEffect.objects.filter(at__lt=now - dt.timedelta(days=7)).delete()


def effect_once(key: str, effect: Callable[[], T]) -> bool:
    """Run ``effect`` (send one e-mail) unless this task run already did: a task taken again
    after its worker died resumes without repeating what went out. Recorded before it runs,
    so a worker killed in between sends nothing rather than twice; an effect that raises is
    forgotten, so that a retry may try it again. True when it ran."""
    task_id = current_task_id.get()
    if task_id is None:
        effect()
        return True
    # The key names a recipient (``mail:<address>``): only its digest is stored, so that the
    # table holds no address an erasure would have to find.
    key = hashlib.sha256(key.encode()).hexdigest()
    try:
        with transaction.atomic():
            TaskEffect.objects.create(task_id=task_id, key=key)
    except IntegrityError:
        logger.info("Task %s already did %s: skipped", task_id, key)
        return False
    try:
        effect()
    except BaseException:
        TaskEffect.objects.filter(task_id=task_id, key=key).delete()
        raise
    return True

"""Task rows and heartbeats as a dead, a live or a flaky worker leaves them."""

from __future__ import annotations

import factory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from factory.django import DjangoModelFactory

from alliage.workers.models import WorkerHeartbeat
from alliage.workers.worker import ResilientWorker


class TaskRowFactory(DjangoModelFactory):
    """A task row as the database backend writes it; ``status="RUNNING"`` with an old
    ``started_at`` is a task whose worker was killed."""

    class Meta:
        model = DBTaskResult

    task_path = "tests.workers.jobs.record"
    args_kwargs = factory.LazyFunction(lambda: {"args": [], "kwargs": {"value": "x"}})
    backend_name = "default"
    queue_name = "default"
    run_after = factory.LazyFunction(get_date_max)
    status = "READY"
    worker_ids = factory.LazyFunction(list)


class HeartbeatFactory(DjangoModelFactory):
    class Meta:
        model = WorkerHeartbeat

    worker_id = factory.Sequence(lambda n: f"worker-{n}")
    seen_at = factory.LazyFunction(timezone.now)


def make_worker(*, worker_id: str = "worker-under-test", **options) -> ResilientWorker:
    """A worker of the default queue that runs what is ready now and stops, in this thread;
    its back-off waits are recorded in ``waits`` instead of slept."""
    worker = ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
        heartbeat_thread=False,
        **options,
    )
    worker.waits = []
    worker.sleep = worker.waits.append
    return worker

"""The task worker: django-tasks-db's ``Worker`` with what it lacks in production. It stays up
through database outages (the connection is closed, the worker backs off and reconnects), it
renews a lease on the task it runs (a heartbeat, from a thread while a long task runs), and
at start and every minute it takes back the tasks of dead workers and runs the apps'
periodic sweeps (``hooks.WORKER_SWEEPS``)."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import Any

from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)
from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from alliage.core import hooks

from . import services

logger = logging.getLogger("alliage.workers")

# What a lost or restarting database raises; any of these sends the worker to its backoff.
DATABASE_DOWN = (OperationalError, InterfaceError)


class _Heartbeat(threading.Thread):
    """Renews the worker's lease every ``every`` seconds, on its own connection, while the
    main thread runs a task that may last minutes."""

    def __init__(self, worker_id: str, every: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.every = every
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            try:
                services.heartbeat_beat(worker_id=self.worker_id)
            except DatabaseError as error:
                logger.warning("Heartbeat of %s failed: %s", self.worker_id, error)
            finally:
                connections.close_all()  # this thread's connections only


class ResilientWorker(Worker):
    def __init__(
        self,
        *,
        heartbeat_every: float = 10,
        heartbeat_thread: bool = True,
        recover_every: float = 60,
        backoff_max: float = 60,
        **options: Any,
    ) -> None:
        super().__init__(**options)
        self.heartbeat_every = heartbeat_every
        self.heartbeat_thread = heartbeat_thread
        self.recover_every = recover_every
        self.backoff_max = backoff_max
        self.failures = 0
        self._last_beat = float("-inf")
        self._last_recovery = float("-inf")
        self._busy: frozenset[str] = frozenset()

    # The pieces of one round, each its own method so that a test can replace one.

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def beat(self, *, force: bool = False) -> None:
        if force or time.monotonic() - self._last_beat >= self.heartbeat_every:
            services.heartbeat_beat(worker_id=self.worker_id)
            self._last_beat = time.monotonic()

    def recover(self, *, force: bool = False) -> None:
        """Take back the tasks of dead workers (and our own, lost to a database error), then
        let every app sweep what a dead worker left behind."""
        if not force and time.monotonic() - self._last_recovery < self.recover_every:
            return
        recovered = services.tasks_recover(own_worker_id=self.worker_id, busy=self._busy)
        if recovered.requeued or recovered.failed:
            logger.warning(
                "Recovered stale tasks: %s back in the queue, %s given up",
                recovered.requeued,
                recovered.failed,
            )
        services.workers_forget_old()
        for sweep in hooks.get_hooks(hooks.WORKER_SWEEPS):
            try:
                sweep()
            except DATABASE_DOWN:
                raise
            except Exception:
                logger.exception("Worker sweep %s failed", getattr(sweep, "__name__", sweep))
        self._last_recovery = time.monotonic()

    def fetch(self) -> DBTaskResult | None:
        """Claim the next READY task, or None."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                result = tasks.get_locked()
                if result is not None:
                    result.claim(self.worker_id)
                return result
        except OperationalError as error:
            if is_locked_database_exception(error):
                return None  # SQLite busy: the next round tries again
            raise

    def run(self) -> None:
        logger.info("Starting worker %s on queues %s", self.worker_id, ",".join(self.queue_names))
        heartbeat = None
        if self.heartbeat_thread and self.heartbeat_every:
            heartbeat = _Heartbeat(self.worker_id, self.heartbeat_every)
            heartbeat.start()
        try:
            self._loop()
        finally:
            if heartbeat is not None:
                heartbeat.stopped.set()
            with contextlib.suppress(DatabaseError):
                services.heartbeat_forget(worker_id=self.worker_id)

    def _loop(self) -> None:
        while self.running:
            try:
                close_old_connections()
                self.beat()
                self.recover()
                result = self.fetch()
                if result is not None:
                    self.run_task(result)
                self.failures = 0
            except DATABASE_DOWN as error:
                self._back_off(error)
                continue
            if self.batch and result is None:
                logger.info("No more tasks for worker %s: exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info("Ran %s tasks on worker %s: exiting.", self._run_tasks, self.worker_id)
                return
            if self.running and result is None:
                self.sleep(self.interval)

    def _back_off(self, error: Exception) -> None:
        """The database is gone: drop the connection, wait (longer at each failure, up to
        ``backoff_max``), and take back at the next round what this worker held."""
        self.failures += 1
        delay = min(self.backoff_max, 2 ** min(self.failures - 1, 10))
        logger.warning(
            "Database unavailable (%s): retrying in %ss (failure %s)",
            str(error).strip()[:200],
            delay,
            self.failures,
        )
        for connection in connections.all(initialized_only=True):
            with contextlib.suppress(DatabaseError):
                connection.close()
        self._last_recovery = float("-inf")
        self._last_beat = float("-inf")
        if self.running:
            self.sleep(delay)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run one claimed task and record how it ended. A database outage during the task
        leaves it RUNNING and reaches the loop, which backs off; the recovery at reconnection
        puts it back in the queue (it is safe to run twice)."""
        token = services.current_task_id.set(str(db_task_result.id))
        self._busy = frozenset({str(db_task_result.id)})
        self.running_task = True
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            try:
                if task.takes_context:
                    value = task.call(
                        TaskContext(task_result=task_result),
                        *task_result.args,
                        **task_result.kwargs,
                    )
                else:
                    value = task.call(*task_result.args, **task_result.kwargs)
                db_task_result.set_successful(value)
            except DATABASE_DOWN:
                raise
            except BaseException as error:  # the task's own failure is recorded, not fatal
                db_task_result.set_failed(error)
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except DATABASE_DOWN:
            raise
        except Exception:
            logger.exception("Task %s could not be run", db_task_result.id)
            try:
                db_task_result.set_failed(RuntimeError("the task could not be loaded"))
            except DATABASE_DOWN:
                raise
        finally:
            services.current_task_id.reset(token)
            self._busy = frozenset()
            self.running_task = False
            self._run_tasks += 1

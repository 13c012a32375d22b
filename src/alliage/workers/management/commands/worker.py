"""Run the task worker: ``db_worker`` that survives database outages, renews a lease on its
task and takes back the tasks of dead workers (run it under a supervisor, see the operations
guide)."""

from __future__ import annotations

import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from alliage.workers.worker import ResilientWorker


class Command(db_worker.Command):
    help = __doc__

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--heartbeat",
            type=db_worker.valid_interval,
            default=10,
            help="Seconds between two renewals of the worker's lease (default: %(default)s).",
        )
        parser.add_argument(
            "--recover-every",
            type=db_worker.valid_interval,
            default=60,
            help="Seconds between two recoveries of stale tasks (default: %(default)s).",
        )
        parser.add_argument(
            "--backoff-max",
            type=db_worker.valid_interval,
            default=60,
            help="Longest wait, in seconds, before reconnecting to the database.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
            heartbeat_every=options["heartbeat"],
            recover_every=options["recover_every"],
            backoff_max=options["backoff_max"],
        )
        if options["reload"] and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()

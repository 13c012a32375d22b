"""Serve the site with gunicorn, as production does: ``alliage serve``."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alliage.core.serve import ServeConfigError, gunicorn_options, gunicorn_run


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn: ALLIAGE_WEB_WORKERS processes (2 * cores + 1) of "
        "ALLIAGE_WEB_THREADS threads (4) on ALLIAGE_BIND (127.0.0.1:$PORT). See "
        "docs/operations.md."
    )
    # The checks ran at deployment (check --deploy); the workers import everything again.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workers", type=int, help="worker processes (ALLIAGE_WEB_WORKERS)")
        parser.add_argument("--threads", type=int, help="threads per worker (ALLIAGE_WEB_THREADS)")
        parser.add_argument(
            "--bind", action="append", help="host:port or unix:/path, repeatable (ALLIAGE_BIND)"
        )
        parser.add_argument(
            "--access-log",
            action="store_true",
            default=None,
            help="write one line per request to standard output (ALLIAGE_ACCESS_LOG)",
        )
        parser.add_argument(
            "--print-config",
            action="store_true",
            help="print gunicorn's settings and stop",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            config = gunicorn_options(
                os.environ,
                workers=options["workers"],
                threads=options["threads"],
                bind=options["bind"],
                access_log=options["access_log"],
            )
        except ServeConfigError as error:
            raise CommandError(str(error)) from error
        if config["workers"] < 1 or config["threads"] < 1:
            raise CommandError("--workers and --threads must be 1 or more.")
        if options["print_config"]:
            for name, value in config.items():
                self.stdout.write(f"{name} = {value!r}")
            return
        if config["workers"] > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            self.stderr.write(
                "PROMETHEUS_MULTIPROC_DIR is not set (run `alliage serve`, not django-admin): "
                "each scrape of /metrics will show one worker's counts only."
            )
        gunicorn_run(config)

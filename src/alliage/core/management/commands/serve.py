"""Serve the site with gunicorn, as production does: ``alliage serve``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from alliage.core.serve import ServeConfigError, gunicorn_options, metrics_directory_prepare


def gunicorn_command() -> list[str]:
    """gunicorn under this Python, configured by ``alliage.core.gunicorn_conf``."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "python:alliage.core.gunicorn_conf",
        "alliage.wsgi:application",
    ]


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
            "--print-config", action="store_true", help="print gunicorn's settings and stop"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        environ = dict(os.environ)
        # The arguments go to gunicorn's configuration through its environment.
        for option, name in (
            ("workers", "ALLIAGE_WEB_WORKERS"),
            ("threads", "ALLIAGE_WEB_THREADS"),
            ("bind", "ALLIAGE_BIND"),
        ):
            if (value := options[option]) is not None:
                environ[name] = ",".join(value) if isinstance(value, list) else str(value)
        if options["access_log"]:
            environ["ALLIAGE_ACCESS_LOG"] = "1"
        try:
            config = gunicorn_options(environ)
        except ServeConfigError as error:
            raise CommandError(str(error)) from error
        if options["print_config"]:
            for name, value in config.items():
                self.stdout.write(f"{name} = {value!r}")
            return
        # Every worker writes its metrics there and /metrics sums them; the variable must be
        # set before the Prometheus client is first imported, which the workers do.
        directory = Path(environ.get("PROMETHEUS_MULTIPROC_DIR") or settings.VAR_DIR / "metrics")
        environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_directory_prepare(directory))
        environ["DJANGO_SETTINGS_MODULE"] = os.environ.get(
            "DJANGO_SETTINGS_MODULE", "alliage.settings.production"
        )
        self.stdout.flush()
        os.execvpe(sys.executable, gunicorn_command(), environ)  # noqa: S606 (gunicorn itself)

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from alliage.core.serve import gunicorn_options, gunicorn_run
from alliage.demo.services import DEMO_PASSWORD, database_is_empty, demo_accounts_guide, demo_load


def demo_serve(*, host: str, port: str, workers: int, threads: int) -> None:
    """Serve the site with gunicorn, the production server: Django's runserver accepts ten
    waiting connections and resets the rest, which a crowd registering at once overflows.
    Several workers share the SQLite file, which the settings open in WAL mode with a busy
    timeout; WhiteNoise serves the static files."""
    options = gunicorn_options(
        os.environ,
        workers=workers,
        threads=threads,
        bind=[f"{host}:{port}"],
        access_log=False,
        proc_name="alliage-demo",
        max_requests=0,
    )
    # A burst of registrations queues on SQLite's single writer: give it time.
    options.update(timeout=60, graceful_timeout=10)
    gunicorn_run(options)


class Command(BaseCommand):
    help = "Migrate, load the demo programme if the database is empty, and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Prepare the database only.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the database and load the demo again (every change made in it is lost).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("ALLIAGE_DEMO_WORKERS", "3")),
            help="gunicorn worker processes (ALLIAGE_DEMO_WORKERS, default 3).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("ALLIAGE_DEMO_THREADS", "4")),
            help="threads per worker (ALLIAGE_DEMO_THREADS, default 4).",
        )

    def handle(
        self,
        *args: Any,
        no_serve: bool = False,
        reset: bool = False,
        workers: int = 3,
        threads: int = 4,
        **options: Any,
    ) -> None:
        port = os.environ.get("PORT", "8000")
        if "ALLIAGE_BASE_URL" not in os.environ:
            # The links in the e-mails printed below lead to this server (the workers fork
            # from this process and keep the setting).
            settings.ALLIAGE_BASE_URL = f"http://127.0.0.1:{port}"
        call_command("migrate", interactive=False, verbosity=0)
        if reset:
            call_command("flush", interactive=False, verbosity=0)
            self.stdout.write("The database was emptied.")
        if database_is_empty():
            semantic = settings.ALLIAGE_MATCHING_SEMANTIC
            # The matching index is built once after loading, rather than document by
            # document as the demo's objects are saved.
            settings.ALLIAGE_MATCHING_SEMANTIC = False
            try:
                summary = demo_load()
            finally:
                settings.ALLIAGE_MATCHING_SEMANTIC = semantic
            self.stdout.write(
                f"Demo loaded: {summary.programmes} programmes, {summary.coalitions} coalitions, "
                f"{summary.organisations} organisations, {summary.people} people, "
                f"{summary.events} events."
            )
            if semantic:
                self.stdout.write("Building the matching index with its semantic vectors…")
                self.stdout.flush()
                # In a process of its own, which may use every core: the server's workers
                # fork from this one and encode on one thread each.
                subprocess.run(
                    [sys.executable, "-m", "alliage", "matching_rebuild"],
                    check=False,
                    env=os.environ,
                )
        self.stdout.write(self.style.SUCCESS(f"\nAlliage runs at http://127.0.0.1:{port}/"))
        self.stdout.write(f"English: http://127.0.0.1:{port}/en/")
        self.stdout.write(f"\nDemo accounts (password: {DEMO_PASSWORD}):")
        for email, role, lines in demo_accounts_guide():
            self.stdout.write(f"  {email:34} {role}")
            for line in lines:
                self.stdout.write(f"  {'':34}   {line}")
        self.stdout.write(
            "\nE-mails are not sent: each one is printed here, in this terminal (the links in them"
            " work)."
            "\nStart again from the demo as loaded: alliage demo --reset (make demo keeps what you"
            " changed)."
            f"\nA demo: gunicorn ({workers} workers × {threads} threads) over SQLite. "
            "For production, see docs/operations.md."
        )
        self.stdout.write("")
        if not no_serve:
            self.stdout.flush()
            demo_serve(host="127.0.0.1", port=port, workers=workers, threads=threads)

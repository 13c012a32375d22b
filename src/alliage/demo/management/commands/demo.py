from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

from alliage.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD, database_is_empty, demo_load


def demo_serve(*, host: str, port: str, workers: int, threads: int) -> None:
    """Serve the site with gunicorn, the production server: Django's runserver accepts ten
    waiting connections and resets the rest, which a crowd registering at once overflows.
    Several workers share the SQLite file, which the settings open in WAL mode with a busy
    timeout; WhiteNoise serves the static files."""
    from django.core.wsgi import get_wsgi_application
    from gunicorn.app.base import BaseApplication

    class DemoServer(BaseApplication):
        def load_config(self) -> None:
            for name, value in {
                "bind": [f"{host}:{port}"],
                "workers": workers,
                "worker_class": "gthread",
                "threads": threads,
                "backlog": 2048,
                "timeout": 60,
                "graceful_timeout": 10,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                "proc_name": "alliage-demo",
            }.items():
                self.cfg.set(name, value)
            # Recent gunicorn opens a control socket in the home directory, which two demos
            # (or a demo and the tests) would share; the demo does not need it.
            if "control_socket_disable" in self.cfg.settings:
                self.cfg.set("control_socket_disable", True)

        def load(self) -> Any:
            return get_wsgi_application()

    connections.close_all()  # each worker opens its own; none is shared across the fork
    DemoServer().run()


class Command(BaseCommand):
    help = "Migrate, load the demo programme if the database is empty, and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Prepare the database only.")
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
        self, *args: Any, no_serve: bool = False, workers: int = 3, threads: int = 4, **options: Any
    ) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if database_is_empty():
            summary = demo_load()
            self.stdout.write(
                f"Demo loaded: {summary.programmes} programmes, {summary.coalitions} coalitions, "
                f"{summary.organisations} organisations, {summary.people} people, "
                f"{summary.events} events."
            )
        port = os.environ.get("PORT", "8000")
        self.stdout.write(self.style.SUCCESS(f"\nAlliage runs at http://127.0.0.1:{port}/"))
        self.stdout.write(f"English: http://127.0.0.1:{port}/en/")
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for email, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:34} {role}")
        self.stdout.write(
            f"\nA demo: gunicorn ({workers} workers × {threads} threads) over SQLite. "
            "For production, see docs/operations.md."
        )
        self.stdout.write("")
        if not no_serve:
            self.stdout.flush()
            demo_serve(host="127.0.0.1", port=port, workers=workers, threads=threads)

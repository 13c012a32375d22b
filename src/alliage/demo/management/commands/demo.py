from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from alliage.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD, database_is_empty, demo_load


class Command(BaseCommand):
    help = "Migrate, load the demo programme if the database is empty, and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Prepare the database only.")

    def handle(self, *args: Any, no_serve: bool = False, **options: Any) -> None:
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
        self.stdout.write("")
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)

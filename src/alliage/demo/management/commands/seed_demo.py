from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from alliage.demo.services import database_is_empty, demo_load


class Command(BaseCommand):
    help = "Load the demo programme (the seed document's facts) into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Load, report the figures, then roll back."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        if not database_is_empty():
            raise CommandError("The database already holds programmes or organisations.")
        with transaction.atomic():
            summary = demo_load()
            self.stdout.write(
                f"{summary.programmes} programmes, {summary.coalitions} coalitions, "
                f"{summary.organisations} organisations, {summary.people} people, "
                f"{summary.events} events" + (" (dry run: nothing kept)" if dry_run else "")
            )
            if dry_run:
                transaction.set_rollback(True)

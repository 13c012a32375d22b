"""Delete the expired archives of personal data (run it hourly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from alliage.selfdata.services import exports_purge


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        count = exports_purge(dry_run=dry_run)
        self.stdout.write(f"{count} expired archive(s) {'to delete' if dry_run else 'deleted'}.")

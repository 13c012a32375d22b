"""Delete the uploaded files that no row points to any more (run it daily)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from alliage.core.uploads import orphan_files_purge


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only list them.")
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="MINUTES",
            help="Leave files changed in the last MINUTES alone (default 60): a save may be "
            "writing them.",
        )

    def handle(
        self, *args: Any, dry_run: bool = False, older_than: int = 60, **options: Any
    ) -> None:
        names = orphan_files_purge(dry_run=dry_run, older_than=dt.timedelta(minutes=older_than))
        for name in names:
            self.stdout.write(name)
        self.stdout.write(f"{len(names)} orphan file(s) {'found' if dry_run else 'deleted'}.")

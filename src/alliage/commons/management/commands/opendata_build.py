from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from alliage.commons import archive
from alliage.commons.services import opendata_build


class Command(BaseCommand):
    help = "Build the archive of the platform's open data (a CSV and a JSON file per export)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the rows of each file, keep nothing."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        if dry_run:
            with archive.build(now=timezone.now()) as built:
                manifest = built.manifest
        else:
            manifest = opendata_build().manifest
        for entry in manifest:
            self.stdout.write(f"{entry['name']:24} {entry['rows']:>7} rows")
        self.stdout.write("dry run: nothing kept" if dry_run else "archive built")

"""Back up the site into a directory: the database (SQLite's backup API or pg_dump -Fc), the
uploaded files and the personal-data archives (from the disk or the bucket of
ALLIAGE_STORAGE_URL), and the secret key when it is kept in the var directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alliage.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Where to write the archive.")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            report = backup_create(directory=directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        self.stdout.write(self.style.SUCCESS(f"Backup written: {report.archive}"))

"""Restore an archive of `alliage backup`: replaces the database, the uploaded files and the
personal-data archives (on the disk or in the bucket of ALLIAGE_STORAGE_URL) and the secret
key kept in the var directory, then rebuilds the matching index. Stop the web server and the
worker first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alliage.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="An alliage-*.tar.gz of `alliage backup`.")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask to confirm."
        )

    def handle(self, *args: Any, archive: Path, interactive: bool = True, **options: Any) -> None:
        if interactive:
            answer = input(
                "This replaces the database, the media and the exports with the archive's. "
                "Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            warnings = backup_restore(archive=archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for warning in warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        self.stdout.write(
            self.style.SUCCESS(f"Restored {archive}; the matching index was rebuilt.")
        )

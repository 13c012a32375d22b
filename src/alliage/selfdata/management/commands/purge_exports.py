"""Delete the expired archives of personal data, fail the archives whose build was lost and
delete the files no archive refers to (run it hourly; the task worker also sweeps every
minute)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from alliage.selfdata.services import exports_purge, exports_recover


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        count = exports_purge(dry_run=dry_run)
        self.stdout.write(f"{count} expired archive(s) {'to delete' if dry_run else 'deleted'}.")
        if not dry_run:
            failed, orphans = exports_recover()
            self.stdout.write(
                f"{failed} lost archive(s) marked failed, {orphans} orphan file(s) deleted."
            )

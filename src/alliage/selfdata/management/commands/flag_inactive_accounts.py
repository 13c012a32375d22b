"""Flag the accounts nobody has logged in to for ALLIAGE_INACTIVE_AFTER_DAYS (run it daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from alliage.selfdata.services import accounts_flag_inactive, inactive_after


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only say what would change.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        flagged, unflagged = accounts_flag_inactive(dry_run=dry_run)
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{len(flagged)} account(s) unused for {inactive_after().days} days {verb} flagged; "
            f"{unflagged} flag(s) of people who came back {verb} removed."
        )
        for user in flagged:
            self.stdout.write(f"  {user.email} (last log-in: {user.last_login or 'never'})")

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from alliage.agenda.services import reminders_enqueue
from alliage.calls.services import review_reminders_enqueue


class Command(BaseCommand):
    help = (
        "Queue the day-before reminder of every seat whose event starts within 24 hours, and "
        "the reminders of reviewers whose reviews are due soon or late."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, send nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        with transaction.atomic():
            count = reminders_enqueue()
            reviews = review_reminders_enqueue()
            if dry_run:
                transaction.set_rollback(True)
        self.stdout.write(f"{count} reminder(s) {'due' if dry_run else 'queued'}")
        self.stdout.write(f"{reviews} review reminder(s) {'due' if dry_run else 'queued'}")

"""Erase an account on its owner's written request: the same erasure as on the "Erase my
account" page, recorded in the audit log."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alliage.core.errors import BusinessError
from alliage.core.models import User
from alliage.core.personal_data import dataset_rows, personal_data_entries
from alliage.selfdata.services import account_erase


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--dry-run", action="store_true", help="Only count what it holds.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, email: str, dry_run: bool, yes: bool, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account uses {email}.")
        for entry in personal_data_entries():
            for dataset in entry.datasets:
                count = len(dataset_rows(dataset, user))
                if count:
                    self.stdout.write(f"  {entry.app_label}/{dataset.key}: {count}")
        if dry_run:
            return
        if not yes and input(f"Erase {user.email} for good? [y/N] ").strip().lower() != "y":
            raise CommandError("Nothing erased.")
        try:
            account_erase(user=user, by=None)
        except BusinessError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Account #{user.pk} erased.")

"""Rebuild the full-text search indexes of every searched list (after a restore, a bulk load
made without triggers, or a change of what an index holds). The database keeps them up to date
by itself otherwise."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from alliage.core.search import search_index_install, search_indexes


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default="default")
        parser.add_argument("--dry-run", action="store_true", help="Only list the indexes.")

    def handle(
        self, *args: Any, database: str = "default", dry_run: bool = False, **o: Any
    ) -> None:
        for index in search_indexes():
            self.stdout.write(f"{index.model}{' (dry run)' if dry_run else ''}")
            if not dry_run:
                with transaction.atomic(using=database):
                    search_index_install(index, using=database)
        self.stdout.write("Done.")

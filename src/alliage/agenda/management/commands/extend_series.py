from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from alliage.agenda.services import series_extend_all


class Command(BaseCommand):
    help = "Create the occurrences of every series up to a year ahead (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{series_extend_all()} occurrence(s) created")

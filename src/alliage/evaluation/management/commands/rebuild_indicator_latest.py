"""Recompute every indicator's kept latest measurement, after measurements were loaded in bulk."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from alliage.evaluation.services import indicator_latest_refresh


class Command(BaseCommand):
    help = "Recompute the latest value and date kept on every indicator (after a bulk load)."

    def handle(self, *args: object, **options: object) -> None:
        written = indicator_latest_refresh()
        self.stdout.write(f"{written} indicators refreshed")

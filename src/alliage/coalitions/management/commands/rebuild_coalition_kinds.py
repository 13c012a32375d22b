"""Recompute the organisation kinds kept on every coalition, after a bulk load of members."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from alliage.coalitions.services import coalition_kinds_refresh


class Command(BaseCommand):
    help = "Recompute the organisation kinds kept on every coalition (after a bulk load)."

    def handle(self, *args: object, **options: object) -> None:
        written = coalition_kinds_refresh()
        self.stdout.write(f"{written} coalitions refreshed")

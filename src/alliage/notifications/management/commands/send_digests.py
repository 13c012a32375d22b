from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from alliage.notifications.digests import digests_send


class Command(BaseCommand):
    help = "Send the daily and weekly notification digests that are due (run hourly)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{digests_send()} digest(s) sent")

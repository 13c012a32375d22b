from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from alliage.notifications.digests import digests_send, reminders_send


class Command(BaseCommand):
    help = (
        "Make the reminders that are due (milestones, indicators, calls closing, reviews), "
        "then send the daily and weekly notification digests that are due (run hourly)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{reminders_send()} reminder(s) made")
        self.stdout.write(f"{digests_send()} digest(s) sent")

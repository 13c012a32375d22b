"""Rebuild the matching index from the database, with a progress bar."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand

from alliage.matching.store import index_rebuild

WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the matching index of actors, coalitions and submissions."

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        interactive = sys.stdout.isatty()

        def progress(done: int, total: int) -> None:
            filled = WIDTH * done // total if total else WIDTH
            bar = f"[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total}"
            self.stdout.write(
                ("\r" if interactive else "") + bar, ending="" if interactive else "\n"
            )
            self.stdout.flush()

        index = index_rebuild(progress=progress)
        if interactive:
            self.stdout.write("")
        self.stdout.write(
            f"{len(index)} documents indexed in {time.perf_counter() - started:.1f} s"
        )

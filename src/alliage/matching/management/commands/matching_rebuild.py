"""Rebuild the matching index from the database, with a progress bar."""

from __future__ import annotations

import os
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from alliage.matching import semantic
from alliage.matching.store import index_rebuild

WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the matching index of actors, coalitions and submissions."

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        # This process only builds: its semantic encoding may use every core.
        semantic.encoder(settings.ALLIAGE_MATCHING_SEMANTIC, threads=os.cpu_count() or 1)
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
        meaning = " with their semantic vectors" if index.has_meaning else ""
        self.stdout.write(
            f"{len(index)} documents indexed{meaning} in {time.perf_counter() - started:.1f} s"
        )

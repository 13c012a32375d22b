"""Background work of the commons: the open data archive, rebuilt by the task queue."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task


@task()
def opendata_rebuild(*, language: str = "fr") -> int:
    """Build a fresh archive of the platform's open data; returns its number of files."""
    from .services import opendata_build

    with translation.override(language):
        built = opendata_build()
    return len(built.manifest)

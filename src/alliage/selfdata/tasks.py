"""Background work of Self Data: building a person's archive."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task


@task()
def export_build(*, export_id: int, language: str = "fr") -> bool:
    """Build the archive in the language of the request that asked for it."""
    from .services import export_build as build

    with translation.override(language):
        return build(export_id=export_id) is not None

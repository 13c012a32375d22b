"""Background work of Self Data: building a person's archive."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task


@task()
def export_build_task(*, export_id: int, language: str = "fr") -> bool:
    """Build the archive in the language of the request that asked for it."""
    from .services import export_build

    with translation.override(language):
        return export_build(export_id=export_id) is not None


# The former name, for archives queued under it (the database backend stores the task's
# path) before the rename; to delete once no such task can remain in a queue.
export_build = export_build_task

"""Index updates, run by the task queue after the transaction that changed the objects."""

from __future__ import annotations

from django_tasks import task


@task()
def index_refresh(*, keys: list[str], language: str = "fr") -> int:
    from .store import index_update

    return len(index_update(keys))

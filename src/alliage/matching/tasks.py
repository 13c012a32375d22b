"""Index updates, run by the task queue after the transaction that changed the objects: in
production by ``alliage worker`` (``ALLIAGE_TASKS=database``), never inside the request.
Each writes what changed (``store``): delta rows for a save, a new snapshot for a compaction
or an erasure."""

from __future__ import annotations

from django_tasks import task


@task()
def index_refresh(*, keys: list[str], language: str = "fr") -> int:
    """The changed objects' documents as delta rows; returns how many were written."""
    from .store import index_write

    return index_write(keys)


@task()
def index_compact_task() -> bool:
    """The delta log folded into a new snapshot, once it has grown past its threshold."""
    from .store import index_compact

    return index_compact()


@task()
def index_purge_task(*, keys: list[str]) -> None:
    """An erased person out of every stored form of the index (``store.index_purge``)."""
    from .store import index_purge

    index_purge(keys)

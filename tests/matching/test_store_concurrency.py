"""Writers of the index serialise through the database (the version row locked on
PostgreSQL, IMMEDIATE transactions on SQLite): simultaneous saves lose no change, and no
version is given twice. No file lock is involved."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection

from alliage.matching import store
from alliage.matching.models import IndexDelta, IndexState

from ..factories import OrganisationFactory
from .test_django import REPAIR

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def test_simultaneous_writers_lose_nothing() -> None:
    store.index_forget()
    orgs = OrganisationFactory.create_batch(THREADS * 3, capabilities=REPAIR)
    store.index_get()
    barrier = Barrier(THREADS)

    def write(batch: list[str]) -> int:
        try:
            barrier.wait(timeout=30)
            return sum(store.index_write([key]) for key in batch)
        finally:
            connection.close()

    keys = [f"org:{o.pk}" for o in orgs]
    batches = [keys[n::THREADS] for n in range(THREADS)]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        written = list(pool.map(write, batches))
    assert sum(written) == len(keys)
    state = IndexState.objects.get()
    assert state.version - state.snapshot_version == len(keys)  # one version per write
    versions = list(IndexDelta.objects.values_list("version", flat=True))
    assert sorted(versions) == list(range(state.snapshot_version + 1, state.version + 1))
    assert set(IndexDelta.objects.values_list("key", flat=True)) == set(keys)
    store.index_forget()

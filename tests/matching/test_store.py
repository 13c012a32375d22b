"""The index published in the database: every process finds it and follows its version, a
save writes rows in proportion to what it changed, the snapshot is memory-mapped from one
cache directory per machine, an erasure leaves nothing in any stored form, and a snapshot
that cannot be read is fetched again or rebuilt (R4): no page fails for it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliage.matching import store
from alliage.matching.engine import Index, UnreadableIndex
from alliage.matching.layers import Layered
from alliage.matching.models import IndexDelta, IndexState, SnapshotChunk

from ..factories import CoalitionMemberFactory, OrganisationFactory, PersonFactory
from .test_django import REPAIR, _association_coalition

pytestmark = pytest.mark.django_db


@contextmanager
def another_process() -> Iterator[None]:
    """Code run as if by another process of the same machine: it starts without anything
    loaded, and this one gets its own state back afterwards."""
    mine = store._loaded
    store._loaded = None
    try:
        yield
    finally:
        store._loaded = mine


def _mapped(array: np.ndarray) -> bool:
    """Whether the array reads a memory-mapped file (scipy keeps a view of the map)."""
    while array is not None:
        if isinstance(array, np.memmap):
            return True
        array = array.base
    return False


def _queries_on(context: CaptureQueriesContext, table: str) -> list[str]:
    return [q["sql"] for q in context.captured_queries if table in q["sql"]]


# Every process follows the version.


def test_two_processes_see_each_others_updates_through_the_version(matching_index) -> None:
    org = OrganisationFactory(name="Ailleurs", capabilities="Vélos cargo et logistique.")
    assert f"org:{org.pk}" in store.index_get()
    with another_process():
        assert f"org:{org.pk}" in store.index_get()  # found in the database, not in memory
        org.capabilities = REPAIR
        org.save()
        store.index_write([f"org:{org.pk}"])  # as the worker's task does
    with CaptureQueriesContext(connection) as seen:
        index = store.index_get()
    assert len(seen) == 2  # the version, then the one delta newer than this process's
    (hit,) = index.search("reconditionnement des ordinateurs", kinds={"organisation"}, k=1)
    assert hit.key == f"org:{org.pk}"
    with CaptureQueriesContext(connection) as again:
        assert store.index_get() is index
    assert len(again) == 1  # nothing new: the version alone


def test_a_removal_in_one_process_is_seen_by_the_other(matching_index) -> None:
    org = OrganisationFactory(capabilities=REPAIR)
    assert f"org:{org.pk}" in store.index_get()
    with another_process():
        store.index_get()
        org.is_listed = False
        org.save()
        store.index_write([f"org:{org.pk}"])
    index = store.index_get()
    assert f"org:{org.pk}" not in index
    assert index.search(REPAIR, kinds={"organisation"}) == []


def test_checking_every_few_seconds_saves_the_query(matching_index, settings) -> None:
    settings.ALLIAGE_MATCHING_CHECK_SECONDS = 60
    store.index_get()
    with CaptureQueriesContext(connection) as seen:
        store.index_get()
    assert len(seen) == 0


# A save writes what changed, nothing more.


def test_an_update_writes_rows_in_proportion_to_the_change(
    matching_index, django_capture_on_commit_callbacks
) -> None:
    for n in range(30):
        OrganisationFactory(name=f"Atelier {n}", capabilities=REPAIR)
    store.index_get()
    chunks_before = list(SnapshotChunk.objects.values_list("pk", "snapshot_id"))
    org = OrganisationFactory.build()  # not saved yet: its save is what we measure
    with (
        CaptureQueriesContext(connection) as seen,
        django_capture_on_commit_callbacks(execute=True),
    ):
        org.capabilities = "Réparation de vélos."
        org.save()
    writes = [q["sql"] for q in seen.captured_queries if "matching_" in q["sql"]]
    assert not _queries_on(seen, "matching_snapshotchunk")  # the snapshot is not touched
    assert any(sql.startswith("INSERT") for sql in writes)
    assert list(SnapshotChunk.objects.values_list("pk", "snapshot_id")) == chunks_before
    row = IndexDelta.objects.get(key=f"org:{org.pk}")
    assert len(str(row.document)) < 1000  # one document's text, not the index's
    # Ten changes: ten rows, one per key however often each changed.
    others = OrganisationFactory.create_batch(10, capabilities=REPAIR)
    for other in others:
        store.index_write([f"org:{other.pk}"])
        store.index_write([f"org:{other.pk}"])
    assert IndexDelta.objects.filter(key__in=[f"org:{o.pk}" for o in others]).count() == 10
    assert len(store.index_get()) == 41


def test_the_delta_log_is_compacted_past_its_threshold(
    matching_index, settings, django_capture_on_commit_callbacks
) -> None:
    settings.ALLIAGE_MATCHING_COMPACT_AFTER = 3
    store.index_get()
    first = IndexState.objects.get().snapshot_id
    orgs = OrganisationFactory.create_batch(5, capabilities=REPAIR)
    for org in orgs[:3]:
        store.index_write([f"org:{org.pk}"])
    assert IndexDelta.objects.count() == 3  # not past it yet
    with django_capture_on_commit_callbacks(execute=True):
        store.index_write([f"org:{orgs[3].pk}"])
    state = IndexState.objects.get()
    assert state.snapshot_id != first
    assert IndexDelta.objects.count() == 0
    assert not SnapshotChunk.objects.filter(snapshot_id=first).exists()
    index = store.index_get()
    assert isinstance(index, Index)  # nothing on top: the snapshot alone
    assert {f"org:{o.pk}" for o in orgs[:4]} <= set(index.rows)


def test_a_compaction_gives_what_a_fresh_build_gives(matching_index) -> None:
    orgs = OrganisationFactory.create_batch(6, capabilities=REPAIR)
    store.index_get()
    orgs[0].capabilities = "Vélos cargo."
    orgs[0].save()
    gone = f"org:{orgs[1].pk}"
    orgs[1].delete()
    store.index_write([f"org:{orgs[0].pk}", gone])
    assert store.index_compact()
    with another_process():
        compacted = store.index_get()
        fresh = store._build(None)
        assert sorted(compacted.rows) == sorted(fresh.rows)
        query = "reconditionnement des ordinateurs"
        assert [(h.key, round(h.score, 9)) for h in compacted.search(query)] == [
            (h.key, round(h.score, 9)) for h in fresh.search(query)
        ]


# One copy per machine, memory-mapped.


def test_the_local_cache_is_reused_across_loads_of_the_same_version(matching_index) -> None:
    OrganisationFactory(capabilities=REPAIR)
    first = store.index_get()
    directory = store.path()
    with another_process(), CaptureQueriesContext(connection) as seen:
        index = store.index_get()
    assert index is not first
    assert not _queries_on(seen, "matching_snapshotchunk")  # read from the cache directory
    assert _mapped(index.corpus.tf.data)
    assert _mapped(index.scorer.parts[0][0].weights.data)
    assert [p.name for p in directory.parent.iterdir() if p.is_dir()] == [directory.name]


def test_another_machine_fetches_the_snapshot_from_the_database(matching_index) -> None:
    org = OrganisationFactory(capabilities=REPAIR)
    store.index_get()
    directory = store.path()
    with another_process():
        __import__("shutil").rmtree(directory)  # a machine that never had it
        index = store.index_get()
    assert f"org:{org.pk}" in index
    assert directory.is_dir()


# An erasure leaves nothing.


def test_a_purge_leaves_nothing_in_any_stored_form(
    matching_index, django_capture_on_commit_callbacks
) -> None:
    words = "zqpurgewordz"
    person = PersonFactory(bio=f"Médiatrice {words}.", is_listed=True, is_suggestable=True)
    OrganisationFactory(capabilities=REPAIR)
    store.index_get()
    old = IndexState.objects.get().snapshot_id
    person.bio = f"Médiatrice {words} encore."
    person.save()
    store.index_write([f"person:{person.pk}"])  # in the delta log too
    assert IndexDelta.objects.filter(key=f"person:{person.pk}").exists()
    store.index_purge([f"person:{person.pk}"])
    state = IndexState.objects.get()
    assert state.snapshot_id != old
    assert not IndexDelta.objects.exists()
    assert set(SnapshotChunk.objects.values_list("snapshot_id", flat=True)) == {state.snapshot_id}
    assert not any(
        words.encode() in bytes(c) for c in SnapshotChunk.objects.values_list("data", flat=True)
    )
    files = [p for p in store.cache_dir().rglob("*") if p.is_file()]
    assert files
    assert not any(words.encode() in p.read_bytes() for p in files)
    assert not any(words.encode("utf-32-le") in p.read_bytes() for p in files)
    index = store.index_get()
    assert f"person:{person.pk}" not in index.corpus.keys


# R4: what cannot be read is fetched again or rebuilt.


def _garbage(target: Path) -> None:
    target.write_bytes(b"\x00garbage, not an index\xff" * 100)


def _half(target: Path) -> None:
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2])


CORRUPTIONS = [_garbage, _half, lambda target: target.write_bytes(b"")]


def _biggest(directory: Path) -> Path:
    return max(
        (p for p in directory.iterdir() if p.name != "meta.json"), key=lambda p: p.stat().st_size
    )


@pytest.mark.parametrize("corrupt", CORRUPTIONS)
def test_an_unreadable_directory_raises_a_single_error(matching_index, corrupt) -> None:
    OrganisationFactory(capabilities=REPAIR)
    directory = store.path()
    corrupt(directory / "meta.json")
    with pytest.raises(UnreadableIndex):
        Index.load(directory)


@pytest.mark.parametrize("corrupt", CORRUPTIONS)
@pytest.mark.parametrize("where", ["meta.json", "array"])
def test_a_corrupt_cache_file_is_fetched_again(client, matching_index, corrupt, where, caplog):
    coalition = _association_coalition()
    org = OrganisationFactory(name="Reconditionneur SA", capabilities=REPAIR)
    lead = coalition.members.get(role="lead").person
    client.force_login(lead.user)
    url = reverse("matching:invite", args=[coalition.slug])
    assert "Reconditionneur SA" in client.get(url).content.decode()
    directory = store.path()
    corrupt(directory / "meta.json" if where == "meta.json" else _biggest(directory))
    with caplog.at_level(logging.WARNING, logger="alliage.matching.store"), another_process():
        response = client.get(url)
    assert response.status_code == 200
    assert "Reconditionneur SA" in response.content.decode()
    if where == "meta.json":  # a broken array may still map; a broken meta never reads
        assert "cannot be read" in caplog.text
    assert f"org:{org.pk}" in Index.load(directory)  # repaired on disk, for every worker


def test_a_lost_chunk_in_the_database_is_rebuilt(client, matching_index, caplog) -> None:
    org = OrganisationFactory(name="Reconditionneur SA", capabilities=REPAIR)
    store.index_get()
    directory = store.path()
    SnapshotChunk.objects.filter(name="meta.json").delete()
    with caplog.at_level(logging.WARNING, logger="alliage.matching.store"), another_process():
        __import__("shutil").rmtree(directory)
        index = store.index_get()
        assert f"org:{org.pk}" in index
    assert "incomplete" in caplog.text
    assert SnapshotChunk.objects.filter(name="meta.json").count() == 1


def test_a_canvas_save_during_the_corruption_still_reaches_the_index(
    matching_index, django_capture_on_commit_callbacks
) -> None:
    coalition = CoalitionMemberFactory().coalition
    directory = store.path()
    _garbage(directory / "meta.json")
    with django_capture_on_commit_callbacks(execute=True):
        coalition.seeking = REPAIR
        coalition.save()
    with another_process():
        index = store.index_get()
    assert f"coalition:{coalition.pk}" in index
    (hit,) = index.search("reconditionnement des ordinateurs", kinds={"coalition"}, k=1)
    assert hit.key == f"coalition:{coalition.pk}"


def test_changes_on_top_of_the_snapshot_are_searched_without_a_copy(matching_index) -> None:
    OrganisationFactory.create_batch(5, capabilities="Vélos cargo et logistique urbaine.")
    store.index_get()
    org = OrganisationFactory(capabilities=REPAIR)
    store.index_write([f"org:{org.pk}"])
    index = store.index_get()
    assert isinstance(index, Layered)
    (hit,) = index.search("reconditionnement des ordinateurs", kinds={"organisation"}, k=1)
    assert hit.key == f"org:{org.pk}"
    assert index._exact is None  # the search did not materialise a private copy
    assert _mapped(index.base.corpus.tf.data)

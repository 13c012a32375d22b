"""R4: an index file that cannot be read is treated like a missing one: the first request
that meets it rebuilds it under the lock and logs a warning; no page fails, and an update
(a canvas save) repairs it too."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from django.urls import reverse

from alliage.matching import store
from alliage.matching.engine import Index, UnreadableIndex

from ..factories import CoalitionMemberFactory, OrganisationFactory
from .test_django import REPAIR, _association_coalition

pytestmark = pytest.mark.django_db


def _garbage(target: Path) -> None:
    target.write_bytes(b"\x00garbage, not an index\xff" * 100)


def _half(target: Path) -> None:
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2])


def _flipped(target: Path) -> None:
    """One byte changed inside the file, its size intact: the zip's checksums catch it."""
    data = bytearray(target.read_bytes())
    data[len(data) // 3] ^= 0xFF
    target.write_bytes(bytes(data))


CORRUPTIONS = [_garbage, _half, _flipped, lambda target: target.write_bytes(b"")]


@pytest.mark.parametrize("corrupt", CORRUPTIONS)
def test_an_unreadable_file_raises_a_single_error(matching_index, corrupt) -> None:
    OrganisationFactory(capabilities=REPAIR)
    store.index_get()
    corrupt(store.path())
    with pytest.raises(UnreadableIndex):
        Index.load(store.path())


@pytest.mark.parametrize("corrupt", CORRUPTIONS)
def test_suggestions_answer_while_the_index_is_corrupt_and_it_is_rebuilt(
    client, matching_index, corrupt, caplog
) -> None:
    coalition = _association_coalition()
    org = OrganisationFactory(name="Reconditionneur SA", capabilities=REPAIR)
    lead = coalition.members.get(role="lead").person
    client.force_login(lead.user)
    urls = [
        reverse("matching:invite", args=[coalition.slug]),
        reverse("matching:for-organisation", args=[org.slug]),
        reverse("matching:similar") + "?title=Faire+durer+les+ordinateurs+des+écoles",
    ]
    assert "Reconditionneur SA" in client.get(urls[0]).content.decode()
    corrupt(store.path())
    with caplog.at_level(logging.WARNING, logger="alliage.matching.store"):
        responses = [client.get(url) for url in urls]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert "Reconditionneur SA" in responses[0].content.decode()
    assert "cannot be read" in caplog.text
    assert f"org:{org.pk}" in Index.load(store.path())  # repaired on disk, for every worker


@pytest.mark.parametrize("corrupt", [_garbage, _half])
def test_a_canvas_save_during_the_corruption_repairs_the_index(
    matching_index, corrupt, django_capture_on_commit_callbacks
) -> None:
    coalition = CoalitionMemberFactory().coalition
    store.index_get()
    corrupt(store.path())
    with django_capture_on_commit_callbacks(execute=True):
        coalition.seeking = REPAIR
        coalition.save()
    index = Index.load(store.path())
    assert f"coalition:{coalition.pk}" in index
    (hit,) = index.search("reconditionnement des ordinateurs", kinds={"coalition"}, k=1)
    assert hit.key == f"coalition:{coalition.pk}"


def test_a_file_another_worker_repaired_is_read_not_rebuilt(matching_index, monkeypatch):
    """Workers that meet the same corrupt file wait on the lock; the ones after the first
    read the file it wrote."""
    OrganisationFactory(capabilities=REPAIR)
    store.index_get()
    good = store.path().read_bytes()
    _garbage(store.path())
    builds = []
    real_build = store._build

    def counting(progress):
        builds.append(1)
        return real_build(progress)

    monkeypatch.setattr(store, "_build", counting)
    real_readable = store._readable

    def repaired_meanwhile(target):
        target.write_bytes(good)  # as another worker would, while this one waited
        return real_readable(target)

    monkeypatch.setattr(store, "_readable", repaired_meanwhile)
    assert len(store.index_get()) == 1
    assert builds == []

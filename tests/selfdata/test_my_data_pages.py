"""My data at scale (R9): the page counts and pages each dataset in SQL, so that a person
with hundreds of thousands of audit entries gets it as fast as one with five; each dataset
has its own pages; the archive holds every record, written row by row."""

from __future__ import annotations

import csv
import io
import json
import weakref
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from alliage.core.models import AuditEntry
from alliage.core.personal_data import personal_data_entries
from alliage.selfdata.archive import archive_write

from ..factories import UserFactory
from .factories import AuditEntryFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@contextmanager
def live_entries() -> Iterator[dict[str, int]]:
    """How many audit entries are read from the database, and the most held in memory at
    once."""
    seen = {"read": 0, "live": 0, "peak": 0}

    def gone() -> None:
        seen["live"] -= 1

    def built(sender, instance, **kwargs) -> None:
        seen["read"] += 1
        seen["live"] += 1
        seen["peak"] = max(seen["peak"], seen["live"])
        weakref.finalize(instance, gone)

    post_init.connect(built, sender=AuditEntry)
    try:
        yield seen
    finally:
        post_init.disconnect(built, sender=AuditEntry)


def _entries(user) -> int:
    """The audit entries about the person (logging in adds one)."""
    return AuditEntry.objects.filter(actor=user).count()


def _page_queries(user) -> tuple[int, str]:
    client = _client(user)
    client.get("/en/me/data/")  # the session and the caches warm up
    with CaptureQueriesContext(connection) as queries, live_entries() as entries:
        response = client.get("/en/me/data/")
    assert response.status_code == 200
    assert entries["read"] <= 25  # the first rows, never the whole log
    return len(queries), response.content.decode()


def test_the_page_reads_a_constant_number_of_queries_however_many_entries() -> None:
    few, many = UserFactory(), UserFactory()
    AuditEntryFactory.create_batch(5, actor=few)
    AuditEntryFactory.create_batch(500, actor=many)
    few_queries, few_page = _page_queries(few)
    many_queries, many_page = _page_queries(many)
    assert few_queries == many_queries
    assert 5 < _entries(few) < 10 and _entries(many) > 500
    assert f"{_entries(few)} records" in few_page
    assert f"{_entries(many)} records" in many_page
    assert f"The archive holds all {_entries(many)} records." in many_page
    assert "/en/me/data/selfdata/audit_events/" in many_page
    assert many_page.count("auth.login") <= 25 + 1  # the first rows only


def test_a_dataset_has_its_own_pages() -> None:
    user = UserFactory()
    for n in range(120):
        AuditEntryFactory(actor=user, action=f"test.action_{n:03d}")
    client = _client(user)
    first = client.get("/en/me/data/selfdata/audit_events/")
    third = client.get("/en/me/data/selfdata/audit_events/?page=3")
    assert first.status_code == third.status_code == 200
    total = _entries(user)  # 120 and the log-in
    assert f"{total} records" in first.content.decode()
    assert first.context["page"].paginator.count == total
    assert len(first.context["page"].object_list) == 50
    assert len(third.context["page"].object_list) == total - 100
    assert "test.action_119" in first.content.decode()  # newest first
    assert "test.action_000" in third.content.decode()
    assert "test.action_000" not in first.content.decode()


def test_a_dataset_page_shows_only_my_records_and_knows_no_other_dataset() -> None:
    me, other = UserFactory(), UserFactory()
    AuditEntryFactory(actor=other, action="test.someone_else")
    client = _client(me)
    assert (
        "test.someone_else" not in client.get("/en/me/data/selfdata/audit_events/").content.decode()
    )
    assert client.get("/en/me/data/selfdata/nothing_such/").status_code == 404
    assert client.get("/en/me/data/nowhere/audit_events/").status_code == 404
    anonymous = Client().get("/en/me/data/selfdata/audit_events/")
    assert anonymous.status_code == 302


def test_a_dataset_page_reads_a_constant_number_of_queries() -> None:
    few, many = UserFactory(), UserFactory()
    AuditEntryFactory.create_batch(3, actor=few)
    AuditEntryFactory.create_batch(300, actor=many)
    counts = []
    for user in (few, many):
        client = _client(user)
        client.get("/en/me/data/selfdata/audit_events/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/me/data/selfdata/audit_events/?page=2")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_archive_holds_every_record_written_row_by_row(tmp_path) -> None:
    user = UserFactory()
    AuditEntryFactory.create_batch(1200, actor=user, data={"note": 'a, b\n"c"'})
    path = tmp_path / "archive.zip"
    with translation.override("en"), live_entries() as entries:
        archive_write(user=user, path=path)
    assert entries["read"] >= 1200
    assert entries["peak"] <= 600  # read by chunks of 500, not all at once
    with zipfile.ZipFile(path) as archive:
        rows = json.loads(archive.read("selfdata/audit_events.json"))
        table = list(
            csv.DictReader(
                io.StringIO(archive.read("selfdata/audit_events.csv").decode("utf-8-sig"))
            )
        )
        readme = archive.read("README.md").decode()
        empty = json.loads(archive.read("selfdata/inactivity.json"))
    assert len(rows) == len(table) == 1200
    assert rows[0]["details"] == {"note": 'a, b\n"c"'}
    assert rows[0]["by_you"] is True
    assert table[0]["details"] == '{"note": "a, b\\n\\"c\\""}'
    assert "(1200 records)" in readme
    assert empty == []
    names = {f"{e.app_label}/{d.key}" for e in personal_data_entries() for d in e.datasets}
    assert all(f"{name}.json" in readme for name in names)

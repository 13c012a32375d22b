"""F7: an erasure leaves nothing of the person anywhere Alliage writes.

A person with an e-mail, names and words only they wrote (their profile and tags, a draft
proposal, messages, a review comment, a reuse they declared) uses the site and is in the
matching index; they erase their account through the erasure service. Then every column of
every table (found by introspection, not by a list that could forget one), every file under
the media, var, export and index directories, and the raw SQLite file with its write-ahead
log are scanned for the e-mail, the names and each of those words.

What the erasure keeps by design (``account_erase``: a submitted proposal, the canvas of a
coalition they led and its history, under the account's anonymous label) is scanned too, as
the control that proves the scan finds what is there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from alliage.actors.models import (
    AffiliationRequest,
    ContactMessage,
    Person,
    Tag,
    Visibility,
)
from alliage.calls.models import Assignment, SubmissionStatus
from alliage.coalitions.models import MemberRole
from alliage.coalitions.services import coalition_update_canvas
from alliage.matching import documents, store
from alliage.matching.engine import Index
from alliage.matching.text import stems
from alliage.selfdata.services import account_erase

from ..factories import (
    PASSWORD,
    CoalitionFactory,
    CoalitionMemberFactory,
    OrganisationFactory,
    PersonFactory,
    ReuseFactory,
    SubmissionFactory,
    UserFactory,
)
from ..team.factories import JoinRequestFactory

EMAIL = "dora.erase.sec@example.org"
FIRST, LAST = "Dorazed", "Erasmarkova"
# Words only she wrote, in what the erasure deletes or empties.
GONE = {
    "bio": "zqbiowordz",
    "intentions": "zqintentwordz",
    "capabilities": "zqcapawordz",
    "tag": "zqtagwordz",
    "private_tag": "zq-private-tagz",
    "draft": "zqdraftwordz",
    "join": "zqjoinwordz",
    "contact": "zqcontactwordz",
    "affiliation": "zqaffilwordz",
    "review": "zqreviewwordz",
    "reuse": "zqreusewordz",
}
# Words she wrote in what stays, under an anonymous label.
KEPT = {"submitted": "zqsubmittedwordz", "canvas": "zqcanvaswordz"}
PERSONAL = [EMAIL, FIRST, LAST, *GONE.values()]


@pytest.fixture
def places(tmp_path: Path, settings) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path / "media"
    store.index_forget()
    yield
    store.index_forget()


def _dora(client) -> Person:
    user = UserFactory(email=EMAIL)
    dora = PersonFactory(
        user=user,
        first_name=FIRST,
        last_name=LAST,
        bio=f"Médiatrice numérique, {GONE['bio']}.",
        intentions=f"Je voudrais {GONE['intentions']} les écoles.",
        capabilities=f"Je sais {GONE['capabilities']}.",
        capabilities_visibility=Visibility.MEMBERS,
        is_listed=True,
        is_suggestable=True,
    )
    dora.tags.create(name=GONE["tag"])
    dora.tags.create(name=GONE["private_tag"])
    shared = Tag.objects.create(name="médiation numérique")
    dora.tags.add(shared)
    PersonFactory().tags.add(shared)  # someone else's tag too: it stays

    led = CoalitionFactory(title="Coalition menée", seeking="Des partenaires.")
    CoalitionMemberFactory(coalition=led, person=dora, role=MemberRole.LEAD)
    coalition_update_canvas(
        coalition=led, by=user, data={"seeking": f"Des partenaires {KEPT['canvas']}."}
    )
    SubmissionFactory(person=dora, title="Proposition", summary=f"Envoyée {KEPT['submitted']}.")
    SubmissionFactory(
        person=dora,
        title="Brouillon",
        summary=f"Pas encore {GONE['draft']}.",
        status=SubmissionStatus.DRAFT,
        submitted_at=None,
    )
    JoinRequestFactory(person=dora, message=f"Puis-je vous rejoindre ? {GONE['join']}")
    ContactMessage.objects.create(
        sender=dora, recipient=PersonFactory(), body=f"Bonjour, {GONE['contact']}."
    )
    AffiliationRequest.objects.create(
        person=dora, organisation=OrganisationFactory(), message=GONE["affiliation"]
    )
    Assignment.objects.create(
        submission=SubmissionFactory(), reviewer=user, comment=f"À revoir {GONE['review']}."
    )
    ReuseFactory(declared_by=dora, description=f"Une carte {GONE['reuse']}.", status="proposed")

    # She logs in (a session, the login log) and is in the index, with her public words.
    response = client.post(reverse("login"), {"username": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    index = store.index_get()
    assert f"person:{dora.pk}" in index
    assert index.search(GONE["bio"], kinds={"person"})[0].key == f"person:{dora.pk}"
    return dora


def _text(value: object) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _database_hits(needles: list[str]) -> set[tuple[str, str, str]]:
    """(needle, table, column) for every value of every column of every table."""
    found = set()
    introspection = connection.introspection
    with connection.cursor() as cursor:
        for table in introspection.table_names(cursor):
            columns = [c.name for c in introspection.get_table_description(cursor, table)]
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = _text(value).casefold()
                    found |= {(n, table, column) for n in needles if n.casefold() in text}
    return found


def _directories() -> list[Path]:
    places = [
        Path(settings.MEDIA_ROOT),
        Path(settings.VAR_DIR),
        Path(settings.ALLIAGE_EXPORT_DIR),
        Path(settings.ALLIAGE_MATCHING_INDEX).parent,
    ]
    return [p for p in places if p.exists()]


def _sqlite_files() -> list[Path]:
    if connection.vendor != "sqlite":
        return []
    name = Path(connection.settings_dict["NAME"])
    return [p for p in (name, Path(f"{name}-wal"), Path(f"{name}-journal")) if p.exists()]


def _file_hits(needles: list[str]) -> set[tuple[str, str]]:
    """(needle, path) for every file, in UTF-8 (and UTF-32, numpy's text arrays)."""
    files = [p for d in _directories() for p in d.rglob("*") if p.is_file()] + _sqlite_files()
    found = set()
    for path in files:
        data = path.read_bytes().lower() if path.stat().st_size < 50_000_000 else b""
        for needle in needles:
            for encoding in ("utf-8", "utf-32-le"):
                if needle.lower().encode(encoding) in data:
                    found.add((needle, str(path)))
    return found


@pytest.mark.django_db(transaction=True)
def test_erasure_leaves_nothing(client, places) -> None:
    dora = _dora(client)
    needles = [*PERSONAL, *KEPT.values()]
    before = _database_hits(needles)
    assert {n for n, _t, _c in before} == set(needles)  # the scan sees every one of them
    assert {n for n, _p in _file_hits([GONE["bio"], GONE["tag"]])}  # in the index file

    account_erase(user=dora.user, by=dora.user, password=PASSWORD)

    left = _database_hits(needles)
    assert {n for n, _t, _c in left if n in PERSONAL} == set(), sorted(left)
    # What stays by design does stay, without her name or address next to it (and in the
    # matching index, which publishes the published coalition and the submitted proposal).
    index_tables = {"matching_snapshotchunk", "matching_indexdelta"}
    assert {(n, t) for n, t, _c in left if t not in index_tables} == {
        (KEPT["submitted"], "calls_submission"),
        (KEPT["canvas"], "coalitions_coalition"),
        (KEPT["canvas"], "coalitions_canvaschange"),
    }
    files = _file_hits(needles)
    assert {n for n, _p in files if n in PERSONAL} == set(), sorted(files)
    assert not Tag.objects.filter(name__in=[GONE["tag"], GONE["private_tag"]]).exists()
    assert Tag.objects.filter(name="médiation numérique").exists()


@pytest.mark.django_db(transaction=True)
def test_the_index_forgets_the_erased_person_at_once(client, places) -> None:
    """No tombstone, no term, no n-gram, no surface form, no tag of hers: the index on disk is
    the one a fresh build without her gives."""
    dora = _dora(client)
    account_erase(user=dora.user, by=dora.user, password=PASSWORD)
    index = Index.load(store.path())
    corpus = index.corpus
    assert f"person:{dora.pk}" not in corpus.keys  # not even as a dead row
    assert bool(corpus.alive.all())
    hers = {s for word in GONE.values() for s in stems(word)}
    assert not hers & set(corpus.terms)
    assert not any(stem in hers or word in GONE.values() for stem, word in index.surface_counts)
    assert not any(set(tags) & {GONE["tag"], GONE["private_tag"]} for tags in index.tags)
    assert corpus.df.min(initial=1) > 0  # every term still counted is someone's
    fresh = Index.build(documents.all_documents())
    assert sorted(corpus.keys) == sorted(fresh.corpus.keys)
    assert sorted(corpus.terms) == sorted(fresh.corpus.terms)
    assert index.surface_counts == fresh.surface_counts
    assert sorted(index.pairs) == sorted(fresh.pairs)
    ngrams = index.scorer.parts[1][0].ngrams
    assert set(ngrams) == set(fresh.scorer.parts[1][0].ngrams)


@pytest.mark.django_db
def test_sqlite_overwrites_deleted_content() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1


def test_every_sqlite_connection_is_configured_to_overwrite_deletions() -> None:
    """The production profile's SQLite options, not only the test profile's."""
    import importlib
    import os

    from alliage.settings import base

    previous = os.environ.pop("ALLIAGE_DATABASE_URL", None)
    try:
        fresh = importlib.reload(base)
        assert "PRAGMA secure_delete=ON" in fresh.DATABASES["default"]["OPTIONS"]["init_command"]
    finally:
        if previous is not None:
            os.environ["ALLIAGE_DATABASE_URL"] = previous
        importlib.reload(base)

"""The archive of the platform's open data: it opens, every CSV and JSON file parses, and the
row counts match the database; nothing private is in it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.test import Client

from alliage.actors.models import Organisation, Person
from alliage.agenda.models import Event
from alliage.calls.models import Call, Submission
from alliage.coalitions.models import Coalition, Milestone, Programme
from alliage.commons import services
from alliage.commons.models import OpenDataArchive, Publication, Resource, Reuse
from alliage.core.opendata import column_for, exporters, register_queryset_exporter

from ..factories import (
    CallFactory,
    CoalitionFactory,
    EventFactory,
    MilestoneFactory,
    OrganisationFactory,
    PersonFactory,
    ResourceFactory,
    ReuseFactory,
    SubmissionFactory,
)
from .conftest import Library, client_for

pytestmark = pytest.mark.django_db

EXPECTED = {
    "programmes": lambda: Programme.objects.count(),
    "coalitions": lambda: Coalition.objects.filter(is_published=True).count(),
    "milestones": lambda: Milestone.objects.filter(coalition__is_published=True).count(),
    "events": lambda: Event.objects.filter(audience="public").count(),
    "calls": lambda: Call.objects.filter(visibility="public").count(),
    "accepted-projects": lambda: Submission.objects.filter(
        call__visibility="public", call__decided_at__isnull=False, decision="accepted",
        status="submitted",
    ).count(),
    "organisations": lambda: Organisation.objects.filter(is_listed=True).count(),
    "people": lambda: Person.objects.filter(is_listed=True, user__is_active=True).count(),
    "publications": lambda: Publication.objects.filter(status="published").count(),
    "dataset-resources": lambda: Resource.objects.filter(publication__status="published").count(),
    "reuses": lambda: Reuse.objects.filter(status="published").count(),
}  # fmt: skip


@pytest.fixture
def platform(library: Library) -> Library:
    """Something of everything, public and private."""
    CoalitionFactory(is_published=False, members_notes="secret des membres")
    MilestoneFactory(coalition=CoalitionFactory())
    EventFactory()
    EventFactory(audience="members")
    decided = CallFactory(
        opens_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        closes_at=dt.datetime(2025, 2, 1, tzinfo=dt.UTC),
        decided_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
    )
    SubmissionFactory(call=decided, decision="accepted", organisation=OrganisationFactory())
    SubmissionFactory(call=decided, decision="rejected")
    CallFactory(visibility="team")
    OrganisationFactory(is_listed=False, name="Organisation cachée")
    PersonFactory(is_listed=False)
    ResourceFactory(publication=library.dataset)
    ReuseFactory(publication=library.published, status="published")
    ReuseFactory(publication=library.published, title="En attente")
    return library


def test_the_archive_opens_and_its_counts_match_the_database(platform: Library) -> None:
    archive = services.opendata_build()
    response = Client().get("/opendata/archive.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    content = b"".join(response.streaming_content)
    assert len(content) == archive.byte_size
    with zipfile.ZipFile(io.BytesIO(content)) as zipped:
        assert zipped.testzip() is None
        names = set(zipped.namelist())
        assert {"README.md", "LICENSE.txt", "datapackage.json"} <= names
        assert names - {"README.md", "LICENSE.txt", "datapackage.json"} == {
            f"{e.name}.{ext}" for e in exporters() for ext in ("csv", "json")
        }
        counts = {}
        for exporter in exporters():
            text = zipped.read(f"{exporter.name}.csv").decode("utf-8")
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
            data = json.loads(zipped.read(f"{exporter.name}.json"))
            assert len(rows) == len(data)
            assert next(csv.reader(io.StringIO(text))) == list(exporter.columns)
            counts[exporter.name] = len(rows)
        everything = b"".join(zipped.read(name) for name in names)
        assert "etalab-2.0" in zipped.read("LICENSE.txt").decode()
        readme = zipped.read("README.md").decode()
        package = json.loads(zipped.read("datapackage.json"))
    assert counts == {name: expected() for name, expected in EXPECTED.items()}
    assert all(counts[name] > 0 for name in counts if name != "people")
    assert {entry["name"]: entry["rows"] for entry in archive.manifest} == counts
    assert archive.generated_at.date().isoformat() in readme
    assert package["licenses"][0]["name"] == "etalab-2.0"
    assert {r["path"] for r in package["resources"]} == {f"{n}.csv" for n in counts}
    for private in (b"secret des membres", b"@example.org", b"Organisation cach", b"En attente"):
        assert private not in everything


def test_text_that_looks_like_a_formula_is_defused_in_csv_only(platform: Library) -> None:
    Publication.objects.filter(pk=platform.published.pk).update(title="=HYPERLINK(1)")
    services.opendata_build()
    client = Client()
    text = client.get("/opendata/publications.csv").content.decode()
    assert "'=HYPERLINK(1)" in text
    data = json.loads(client.get("/opendata/publications.json").content)
    assert "=HYPERLINK(1)" in {row["title"] for row in data}


def test_the_open_data_page_shows_files_counts_licence_and_date(platform: Library) -> None:
    page = Client().get("/opendata/")
    assert page.context["archive"] is None and page.status_code == 200
    archive = services.opendata_build()
    body = Client().get("/en/opendata/").content.decode()
    assert "Licence Ouverte / Open Licence 2.0 (Etalab)" in body
    assert archive.sha256 in body and "publications.csv" in body
    rows = {f["name"]: f["rows"] for f in Client().get("/opendata/").context["files"]}
    assert rows["publications"] == Publication.objects.filter(status="published").count()
    assert "Regenerate" not in body
    team_page = client_for(platform.team).get("/en/opendata/").content.decode()
    assert "Regenerate now" in team_page


def test_the_team_button_rebuilds_through_the_task_queue(
    platform: Library, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(platform.team).post("/opendata/build/")
    assert response["Location"] == "/opendata/"
    assert OpenDataArchive.objects.count() == 1


def test_publishing_rebuilds_the_archive(library: Library, committed) -> None:
    committed(
        services.publication_update,
        publication=library.draft,
        by=library.team,
        fields={"status": "published"},
    )
    archive = OpenDataArchive.objects.get()
    rows = {entry["name"]: entry["rows"] for entry in archive.manifest}
    assert rows["publications"] == 3


def test_the_command_builds_and_its_dry_run_keeps_nothing(platform: Library) -> None:
    out = io.StringIO()
    call_command("opendata_build", "--dry-run", stdout=out)
    assert "publications" in out.getvalue() and not OpenDataArchive.objects.exists()
    call_command("opendata_build", stdout=io.StringIO())
    assert OpenDataArchive.objects.count() == 1


def test_registry_names_columns_after_relations() -> None:
    assert column_for("programme__slug") == "programme"
    assert column_for("pk") == "id"
    assert column_for("title") == "title"
    with pytest.raises(ValueError):
        register_queryset_exporter("../evil", title="x", queryset=Programme.objects.all, fields="x")

"""The export: everything Alliage holds about a person, as one archive of JSON and CSV files
with a README documenting every field, built by the task queue, downloadable once by its
owner only, through a link that expires."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.test import Client

from alliage.core.models import AuditEntry
from alliage.core.personal_data import personal_data_entries
from alliage.selfdata.models import DataExport, ExportStatus
from alliage.selfdata.services import exports_purge

from ..factories import PersonFactory
from .conftest import login

pytestmark = pytest.mark.django_db

# The kinds of data the brief lists; each must hold a record (API tokens, once the API app
# registers its entry).
EVERY_KIND = (
    "api/api_tokens",
    "core/account",
    "actors/profile",
    "actors/affiliations",
    "actors/memberships",
    "agenda/registrations",
    "agenda/calendar_address",
    "calls/submissions",
    "calls/reviews",
    "calls/reviewer_pools",
    "coalitions/coalition_roles",
    "coalitions/join_requests",
    "selfdata/consent_receipts",
    "selfdata/audit_events",
)


def request_archive(client: Client, capture) -> str:
    with capture(execute=True):
        assert client.post("/en/me/data/export/").status_code == 302
    page = client.get("/en/me/data/")
    url = page.context["download_url"]
    assert url, "the archive should be ready (the test settings run tasks at once)"
    return url


def test_the_archive_of_a_demo_person_holds_every_kind_of_data(
    member_with_everything, django_capture_on_commit_callbacks
) -> None:
    client = login(member_with_everything.user.email)
    response = client.get(request_archive(client, django_capture_on_commit_callbacks))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    readme = archive.read("README.md").decode()
    for entry in personal_data_entries():
        for dataset in entry.datasets:
            path = f"{entry.app_label}/{dataset.key}"
            assert {f"{path}.json", f"{path}.csv"} <= names, path
            rows = json.loads(archive.read(f"{path}.json"))
            table = list(
                csv.DictReader(io.StringIO(archive.read(f"{path}.csv").decode("utf-8-sig")))
            )
            assert len(table) == len(rows), path
            assert all(tuple(row) == dataset.field_names for row in rows), path
            if table:
                assert tuple(table[0]) == dataset.field_names, path
            assert f"{path}.json" in readme
            for field in dataset.fields:
                assert f"`{field.name}`" in readme, (path, field.name)
            if path in EVERY_KIND:
                assert rows, f"{path} is empty"
    profile = json.loads(archive.read("actors/profile.json"))[0]
    assert (profile["first_name"], profile["last_name"]) == ("Thomas", "Lemaire")
    account = json.loads(archive.read("core/account.json"))[0]
    assert account["email"] == "membre@alliage.example.org"
    actions = {e["action"] for e in json.loads(archive.read("selfdata/audit_events.json"))}
    assert {"auth.login", "consent.granted", "selfdata.export_requested"} <= actions
    reviews = json.loads(archive.read("calls/reviews.json"))
    assert reviews[0]["comment"] == "Solide." and set(reviews[0]["scores"].values()) == {3}


def test_the_page_shows_the_same_data(member_with_everything) -> None:
    client = login(member_with_everything.user.email)
    body = client.get("/en/me/data/").content.decode()
    for text in (
        "Lemaire",
        "Sobrio",
        "Un kit d&#x27;achat sobre",
        "Solide.",
        "Download everything",
    ):
        assert text in body, text


def test_the_link_works_once_and_the_file_is_removed(
    member_with_everything, django_capture_on_commit_callbacks, settings
) -> None:
    client = login(member_with_everything.user.email)
    url = request_archive(client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get(user=member_with_everything.user)
    path = settings.ALLIAGE_EXPORT_DIR / export.file_name
    assert path.exists() and path.stat().st_mode & 0o077 == 0
    assert client.get(url).status_code == 200
    assert not path.exists()
    again = client.get(url)
    assert again.status_code == 302 and again["Location"].endswith("/me/data/")
    assert (
        AuditEntry.objects.filter(
            action="selfdata.export_downloaded", actor=member_with_everything.user
        ).count()
        == 1
    )


def test_only_the_owner_can_download(demo, django_capture_on_commit_callbacks) -> None:
    owner = login("membre@alliage.example.org")
    url = request_archive(owner, django_capture_on_commit_callbacks)
    intruder = Client()
    intruder.force_login(PersonFactory().user)
    response = intruder.get(url)
    assert response.status_code == 302 and response["Location"].endswith("/me/data/")
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert owner.get(url).status_code == 200  # still there for its owner


def test_the_link_expires_and_the_file_is_purged(
    demo, django_capture_on_commit_callbacks, settings
) -> None:
    client = login("membre@alliage.example.org")
    url = request_archive(client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get()
    path = settings.ALLIAGE_EXPORT_DIR / export.file_name
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(hours=25)):
        response = client.get(url)
        assert response.status_code == 302
        assert exports_purge() == 1
    assert not path.exists()
    assert not DataExport.objects.exists()


def test_purging_keeps_a_live_archive(demo, django_capture_on_commit_callbacks) -> None:
    client = login("membre@alliage.example.org")
    request_archive(client, django_capture_on_commit_callbacks)
    assert exports_purge() == 0
    assert DataExport.objects.get().status == ExportStatus.READY


def test_a_forged_link_is_refused(demo) -> None:
    client = login("membre@alliage.example.org")
    response = client.get("/en/me/data/download/not-a-token/")
    assert response.status_code == 302


def test_requests_are_limited(demo, django_capture_on_commit_callbacks) -> None:
    client = login("membre@alliage.example.org")
    for _ in range(5):
        request_archive(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/me/data/export/", follow=True)
    assert "try again tomorrow" in response.content.decode()
    assert DataExport.objects.count() == 5


def test_the_archive_panel_refreshes_itself_while_it_is_prepared(demo) -> None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="membre@alliage.example.org")
    DataExport.objects.create(user=user)  # pending: the task has not run yet
    client = Client()
    client.force_login(user)
    page = client.get("/en/me/data/").content.decode()
    assert 'hx-trigger="every 4s"' in page and "being prepared" in page
    part = client.get("/en/me/data/", {"part": "export"}, headers={"HX-Request": "true"})
    body = part.content.decode()
    assert body.lstrip().startswith("<section") and "<h1>" not in body

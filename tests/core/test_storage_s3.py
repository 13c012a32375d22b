"""Uploads and personal-data archives in S3-compatible object storage (ALLIAGE_STORAGE_URL),
against moto's S3 server started on a local port: the same code then runs on MinIO, Garage,
Ceph or a cloud provider. Files land in the bucket, private; they are served through the
permission-checked views, streamed; deleted with their row or by the purge; the archive of a
person's data is stored, downloaded once and deleted; /healthz says whether the bucket
answers; a backup holds the bucket's files and a restore puts them back."""

from __future__ import annotations

import datetime as dt
import io
import json
import socket
import time
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from alliage.calls.models import Submission
from alliage.commons import services as commons_services
from alliage.core.s3 import ObjectReader, PrivateS3Storage
from alliage.core.storage import storage_check
from alliage.selfdata.models import DataExport, ExportStatus
from alliage.selfdata.services import exports_recover
from alliage.settings.base import storage_settings

from ..factories import CallFactory, PersonFactory, ProgrammeFactory, PublicationFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
KEY, SECRET = "alliage-test", "alliage-test-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: object

    def objects(self, prefix: str = "") -> set[str]:
        listing = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return {entry["Key"] for entry in listing.get("Contents", ())}

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 server, in a thread of the test process, on a free port."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def s3_storages(bucket: str, endpoint: str) -> dict[str, dict[str, object]]:
    url = f"s3://{KEY}:{SECRET}@{bucket}?endpoint_url={endpoint}&region=eu-west-3"
    return {
        **storage_settings(url),
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def bucket(s3_endpoint: str, settings, tmp_path: Path) -> Iterator[Bucket]:
    """A new bucket of its own, where both storages point; the local media and export
    directories are empty folders of the test, to show that nothing lands there."""
    name = f"alliage-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="eu-west-3",
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"})
    settings.MEDIA_ROOT = tmp_path / "media"
    with override_settings(
        STORAGES=s3_storages(name, s3_endpoint), ALLIAGE_EXPORT_DIR=tmp_path / "build"
    ):
        yield Bucket(name=name, endpoint=s3_endpoint, client=client)


def local_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


# Settings -------------------------------------------------------------------------------


def test_an_empty_url_keeps_the_local_disk() -> None:
    assert storage_settings("") == {
        "default": {"BACKEND": "alliage.core.storage.AtomicFileSystemStorage"},
        "exports": {"BACKEND": "alliage.core.storage.ExportFileSystemStorage"},
    }


def test_an_s3_url_gives_two_private_prefixes_of_one_bucket() -> None:
    parsed = storage_settings(
        "s3://AKIA%2FX:s%40cret@alliage-files/site-a/?endpoint_url=https://minio.example:9000"
        "&region=fr-par&addressing_style=path"
    )
    common = {
        "bucket_name": "alliage-files",
        "endpoint_url": "https://minio.example:9000",
        "region_name": "fr-par",
        "addressing_style": "path",
        "access_key": "AKIA/X",
        "secret_key": "s@cret",
    }
    assert parsed == {
        "default": {
            "BACKEND": "alliage.core.s3.PrivateS3Storage",
            "OPTIONS": {**common, "location": "site-a/media"},
        },
        "exports": {
            "BACKEND": "alliage.core.s3.PrivateS3Storage",
            "OPTIONS": {**common, "location": "site-a/exports"},
        },
    }


def test_an_s3_url_without_credentials_leaves_them_to_the_aws_environment() -> None:
    options = storage_settings("s3://files")["default"]["OPTIONS"]
    assert options == {"bucket_name": "files", "location": "media"}


@pytest.mark.parametrize(
    "url", ["file:///srv/media", "s3://", "s3://files?endpoint=http://x", "minio://files"]
)
def test_a_wrong_storage_url_stops_the_start(url: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        storage_settings(url)


def test_the_s3_storage_keeps_objects_private_and_never_overwrites(bucket: Bucket) -> None:
    storage = storages["default"]
    assert isinstance(storage, PrivateS3Storage)
    first = storage.save("a/doc.pdf", ContentFile(b"one"))
    second = storage.save("a/doc.pdf", ContentFile(b"two"))
    assert first == "a/doc.pdf" and second != first
    assert bucket.read(f"media/{first}") == b"one" and bucket.read(f"media/{second}") == b"two"
    grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=f"media/{first}")["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]
    assert all("URI" not in g["Grantee"] for g in grants)  # no AllUsers, no AuthenticatedUsers
    assert "X-Amz-Signature" not in storage.url(first)  # no link that bypasses our views


# Reading ---------------------------------------------------------------------------------


def test_a_stored_file_is_streamed_and_seekable(bucket: Bucket) -> None:
    """A zip read from the bucket (its directory is at the end): ranged GETs, never the whole
    object first."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("big.bin", bytes(range(256)) * 8192)  # 2 MiB, stored
        archive.writestr("small.txt", "bonjour")
    name = default_storage.save("opendata/a.zip", ContentFile(out.getvalue()))
    with default_storage.open(name, "rb") as handle:
        assert handle.size == len(out.getvalue())
        with zipfile.ZipFile(handle) as archive:
            assert archive.read("small.txt") == b"bonjour"
    with default_storage.open(name, "rb") as handle:
        assert handle.read(4) == b"PK\x03\x04"
        raw = handle.file.raw
        assert isinstance(raw, ObjectReader)
        assert raw.tell() < 1024 * 1024  # read as far as asked (and a buffer), not the rest
    with pytest.raises(FileNotFoundError):
        default_storage.open("opendata/missing.zip", "rb")


# A proposal's attachment -----------------------------------------------------------------


def submit(client: Client, call, upload) -> int:
    return client.post(
        f"/en/calls/{call.slug}/submit/",
        {"title": "Mon projet", "summary": "Un résumé.", "action": "save", "attachment": upload},
    ).status_code


@pytest.mark.django_db
def test_a_proposals_file_lives_in_the_bucket_and_is_served_to_its_readers_only(
    bucket: Bucket, settings, django_capture_on_commit_callbacks
) -> None:
    call = CallFactory(asks=["attachment"])
    author = PersonFactory()
    client = client_for(author.user)
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, call, SimpleUploadedFile("devis.pdf", PDF)) == 302
    submission = Submission.objects.get()
    key = f"media/{submission.attachment.name}"
    assert bucket.objects("media/") == {key}
    assert bucket.read(key) == PDF
    assert local_files(Path(settings.MEDIA_ROOT)) == []

    url = f"/en/calls/submissions/{submission.pk}/attachment/"
    response = client.get(url)
    assert response.status_code == 200 and response.streaming
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF))
    assert response["Content-Disposition"].startswith("attachment;")
    assert "devis.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert client_for(PersonFactory().user).get(url).status_code == 404
    assert Client().get(url).status_code in (302, 404)

    # A replacement deletes the old object once the change commits.
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, call, SimpleUploadedFile("devis-2.pdf", PDF + b"%v2")) == 302
    submission.refresh_from_db()
    assert bucket.objects("media/") == {f"media/{submission.attachment.name}"}
    assert b"".join(client.get(url).streaming_content) == PDF + b"%v2"

    # Its object gone from the bucket, the download is a 404, not a 500.
    bucket.client.delete_object(Bucket=bucket.name, Key=f"media/{submission.attachment.name}")
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_store_that_does_not_answer_is_a_503_on_download_and_a_field_error_on_upload(
    bucket: Bucket, django_capture_on_commit_callbacks
) -> None:
    call = CallFactory(asks=["attachment"])
    client = client_for(PersonFactory().user)
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, call, SimpleUploadedFile("devis.pdf", PDF)) == 302
    submission = Submission.objects.get()
    url = f"/en/calls/submissions/{submission.pk}/attachment/"
    with override_settings(STORAGES=s3_storages(bucket.name, f"http://127.0.0.1:{free_port()}")):
        response = client.get(url)
        assert response.status_code == 503 and response["Retry-After"]
        assert "no-store" in response["Cache-Control"]
        page = client.post(
            f"/en/calls/{call.slug}/submit/",
            {
                "title": "Mon projet v2",
                "summary": "Le résumé tapé.",
                "action": "save",
                "attachment": SimpleUploadedFile("devis-2.pdf", PDF + b"%v2"),
            },
        )
        assert page.status_code == 200
        assert "The file could not be stored" in page.content.decode()
    submission.refresh_from_db()
    assert bucket.objects("media/") == {f"media/{submission.attachment.name}"}
    assert bucket.read(f"media/{submission.attachment.name}") == PDF


@pytest.mark.django_db
def test_purge_orphan_files_deletes_the_objects_no_row_points_to(bucket: Bucket) -> None:
    programme = ProgrammeFactory()
    team = PersonFactory().user
    programme.team.add(team)
    publication = PublicationFactory(programme=programme)
    kept = commons_services.publication_file_add(
        publication=publication, by=team, upload=SimpleUploadedFile("guide.pdf", PDF)
    )
    orphan = default_storage.save("calls/9/9/CV-Someone.pdf", ContentFile(b"%PDF orphan"))
    time.sleep(0.01)

    out = io.StringIO()
    call_command("purge_orphan_files", "--dry-run", "--older-than", "0", stdout=out)
    assert out.getvalue().splitlines()[0] == orphan
    call_command("purge_orphan_files", stdout=io.StringIO())  # an hour's grace: nothing yet
    assert bucket.objects("media/") == {f"media/{orphan}", f"media/{kept.file.name}"}
    call_command("purge_orphan_files", "--older-than", "0", stdout=io.StringIO())
    assert bucket.objects("media/") == {f"media/{kept.file.name}"}

    response = Client().get(kept.get_absolute_url())
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    draft = PublicationFactory(programme=programme, status="draft", published_on=None)
    hidden = commons_services.publication_file_add(
        publication=draft, by=team, upload=SimpleUploadedFile("brouillon.pdf", PDF + b"%d")
    )
    assert Client().get(hidden.get_absolute_url()).status_code == 404


# A person's archive ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_persons_archive_is_stored_in_the_bucket_downloaded_once_then_deleted(
    bucket: Bucket, django_capture_on_commit_callbacks
) -> None:
    person = PersonFactory()
    client = client_for(person.user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en/me/data/export/").status_code == 302
    export = DataExport.objects.get()
    assert export.status == ExportStatus.READY
    key = f"exports/{export.file_name}"
    assert bucket.objects() == {key}  # nothing under media/, nothing left in the build folder
    url = client.get("/en/me/data/").context["download_url"]

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(body) == export.size
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.testzip() is None and "README.md" in archive.namelist()
    assert bucket.objects() == set()  # once the download is over
    assert client.get(url).status_code == 302  # the link worked once


@pytest.mark.django_db
def test_the_sweep_deletes_archives_no_export_refers_to_in_the_bucket(bucket: Bucket) -> None:
    exports = storages["exports"]
    orphan = exports.save(f"{'b' * 32}.zip", ContentFile(b"PK never recorded"))
    assert exports_recover() == (0, 0)  # young: a build may be storing it
    assert exports_recover(now=timezone.now() + dt.timedelta(hours=2)) == (0, 1)
    assert f"exports/{orphan}" not in bucket.objects()


# Health ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_says_whether_the_bucket_answers(bucket: Bucket) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content)["storage"] == {"status": "ok"}

    closed = f"http://127.0.0.1:{free_port()}"
    with override_settings(STORAGES=s3_storages(bucket.name, closed)):
        started = time.monotonic()
        response = Client(raise_request_exception=False).get("/healthz")
        assert time.monotonic() - started < 10
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "error" and body["storage"] == {"status": "fail"}
    assert "127.0.0.1" not in response.content.decode()  # the reason goes to the log only

    missing = f"alliage-{uuid.uuid4().hex[:12]}"  # a bucket that does not exist
    with override_settings(STORAGES=s3_storages(missing, bucket.endpoint)):
        assert storage_check()[1:] == ({"status": "fail"}, False)


def test_the_local_disk_answers_before_its_first_upload(settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "not-yet" / "media"
    with override_settings(ALLIAGE_EXPORT_DIR=tmp_path / "exports"):
        assert storage_check() == ("storage", {"status": "ok"}, True)
        (tmp_path / "a-file").write_bytes(b"")
        settings.MEDIA_ROOT = tmp_path / "a-file" / "media"  # cannot be made
        assert storage_check() == ("storage", {"status": "fail"}, False)


# Backup ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_the_buckets_files_and_a_restore_puts_them_back(
    bucket: Bucket, tmp_path: Path
) -> None:
    from alliage.core.backup import backup_create, backup_restore

    with override_settings(VAR_DIR=tmp_path / "var"):
        kept = default_storage.save("calls/1/2/annexe.pdf", ContentFile(PDF))
        archived = storages["exports"].save("a.zip", ContentFile(b"PK archive"))
        report = backup_create(directory=tmp_path / "backups")
        default_storage.delete(kept)
        later = default_storage.save("calls/1/2/after.pdf", ContentFile(b"%PDF later"))
        backup_restore(archive=report.archive, rebuild_index=False)
    assert bucket.objects() == {f"media/{kept}", f"exports/{archived}"}
    assert bucket.read(f"media/{kept}") == PDF
    assert f"media/{later}" not in bucket.objects()


def test_an_import_staged_on_one_server_is_found_by_another(bucket: Bucket) -> None:
    """The preview and the commit of an import may reach two app servers: the staged file is
    in the shared bucket, under a random name, private to the exports prefix."""
    from alliage.imports import staging

    token = staging.stage(
        content=b"name;kind\n", filename="orgs.csv", kind="organisations", user_id=7
    )
    (key,) = bucket.objects("exports/imports/")
    assert bucket.read(key) == b"name;kind\n"
    assert staging.unstage(token=token, user_id=8) is None
    assert staging.unstage(token=token, user_id=7) == (b"name;kind\n", "orgs.csv", "organisations")
    staging.discard(token=token)
    assert bucket.objects() == set()
    assert staging.unstage(token=token, user_id=7) is None

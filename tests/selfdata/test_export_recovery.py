"""An archive whose worker died (R2): the task is taken again and rebuilds the archive
cleanly, an archive still "being prepared" long after is failed so that the person can ask
again, and no file of personal data stays on disk that no export refers to."""

from __future__ import annotations

import datetime as dt
import os
import time
import zipfile

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alliage.selfdata import services
from alliage.selfdata.models import DataExport, ExportStatus
from alliage.selfdata.services import export_build, export_dir, export_request, exports_recover

from ..factories import UserFactory
from ..workers.factories import make_worker
from .factories import AuditEntryFactory, DataExportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_export_dir(tmp_path):
    """Each test sees only the files it makes."""
    with override_settings(ALLIAGE_EXPORT_DIR=tmp_path / "exports"):
        yield


def _age(path, minutes: int) -> None:
    old = time.time() - minutes * 60
    os.utime(path, (old, old))


def _files() -> set[str]:
    return {p.name for p in export_dir().iterdir()}


@pytest.mark.django_db(transaction=True)
def test_an_archive_whose_worker_was_killed_is_rebuilt_and_its_partial_file_removed() -> None:
    """The row left by ``kill -9`` during the build: the export pending, its task RUNNING
    with an old start, a truncated temporary file on disk, and no heartbeat."""
    user = UserFactory()
    AuditEntryFactory.create_batch(3, actor=user)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        export = export_request(user=user, by=user)
        row = DBTaskResult.objects.get()
        row.claim("killed-worker")
        DBTaskResult.objects.filter(pk=row.pk).update(
            started_at=timezone.now() - dt.timedelta(minutes=4)
        )
        partial = export_dir() / f".{export.pk}.deadbeef.part"
        partial.write_bytes(b"PK\x03\x04 truncated")
        worker = make_worker(worker_id="restarted")
        worker.run()
    row.refresh_from_db()
    export.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert export.status == ExportStatus.READY
    assert not partial.exists()
    assert _files() == {export.file_name}
    with zipfile.ZipFile(export_dir() / export.file_name) as archive:
        assert archive.testzip() is None
        assert "README.md" in archive.namelist()


def test_the_archive_is_written_under_a_temporary_name_until_it_is_complete(monkeypatch) -> None:
    user = UserFactory()
    export = DataExportFactory(user=user)
    seen = []
    write = services.archive_write

    def watching(*, user, path):
        seen.append((path.name, set(_files())))
        return write(user=user, path=path)

    monkeypatch.setattr(services, "archive_write", watching)
    export_build(export_id=export.pk)
    export.refresh_from_db()
    ((name, during),) = seen
    assert name.startswith(f".{export.pk}.") and name.endswith(".part")
    assert during == {name}  # nothing under the final name while it is written
    assert _files() == {export.file_name}
    assert export.file_name.endswith(".zip")


def test_a_build_that_fails_leaves_no_file_and_a_failed_export(monkeypatch) -> None:
    user = UserFactory()
    export = DataExportFactory(user=user)

    def broken(*, user, path):
        path.write_bytes(b"PK half")
        raise OSError("No space left on device")

    monkeypatch.setattr(services, "archive_write", broken)
    with pytest.raises(OSError):
        export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert _files() == set()


def test_a_build_that_ends_after_its_export_was_given_up_keeps_nothing(monkeypatch) -> None:
    user = UserFactory()
    export = DataExportFactory(user=user)
    write = services.archive_write

    def slow(*, user, path):
        size = write(user=user, path=path)
        DataExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED)
        return size

    monkeypatch.setattr(services, "archive_write", slow)
    assert export_build(export_id=export.pk) is None
    assert _files() == set()


def test_a_pending_archive_asked_for_long_ago_is_failed_and_the_page_says_so() -> None:
    user = UserFactory()
    lost = DataExportFactory(user=user, requested_at=timezone.now() - dt.timedelta(minutes=45))
    client = Client()
    client.force_login(user)
    page = client.get("/en/me/data/").content.decode()
    assert "being prepared" not in page
    assert "could not be prepared" in page
    assert "Prepare my archive" in page
    assert exports_recover() == (1, 0)
    lost.refresh_from_db()
    assert lost.status == ExportStatus.FAILED


def test_a_recent_pending_archive_is_still_being_prepared() -> None:
    user = UserFactory()
    DataExportFactory(user=user, requested_at=timezone.now() - dt.timedelta(minutes=5))
    client = Client()
    client.force_login(user)
    assert "being prepared" in client.get("/en/me/data/").content.decode()
    assert exports_recover() == (0, 0)


def test_asking_again_replaces_a_lost_archive(django_capture_on_commit_callbacks) -> None:
    user = UserFactory()
    lost = DataExportFactory(user=user, requested_at=timezone.now() - dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        fresh = export_request(user=user, by=user)
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert fresh.pk != lost.pk
    assert lost.status == ExportStatus.FAILED
    assert fresh.status == ExportStatus.READY


def test_the_sweep_deletes_old_files_no_export_refers_to_and_keeps_the_others() -> None:
    user = UserFactory()
    kept = DataExportFactory(
        user=user,
        status=ExportStatus.READY,
        file_name="a" * 32 + ".zip",
        expires_at=timezone.now() + dt.timedelta(hours=2),
    )
    directory = export_dir()
    (directory / kept.file_name).write_bytes(b"PK ready")
    orphan = directory / ("b" * 32 + ".zip")
    orphan.write_bytes(b"PK renamed but never recorded")
    stale_part = directory / ".99.cafe.part"
    stale_part.write_bytes(b"PK truncated")
    building = directory / ".100.f00d.part"
    building.write_bytes(b"PK being written")
    for path in (directory / kept.file_name, orphan, stale_part):
        _age(path, 90)
    assert exports_recover() == (0, 2)
    assert _files() == {kept.file_name, building.name}


def test_purge_exports_runs_the_sweep(capsys) -> None:
    from django.core.management import call_command

    orphan = export_dir() / ("c" * 32 + ".zip")
    orphan.write_bytes(b"PK")
    _age(orphan, 90)
    call_command("purge_exports")
    assert not orphan.exists()

"""`alliage backup` and `alliage restore` round trips, on the database the suite runs on (SQLite
in WAL mode, or PostgreSQL with ALLIAGE_DATABASE_URL) (R8)."""

from __future__ import annotations

import tarfile
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from alliage.actors.models import Organisation
from alliage.core.backup import KEY_FROM_ENVIRONMENT, BackupError, backup_create, backup_restore

from ..factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Media, exports and a var directory of the test's own."""
    var = tmp_path / "var"
    with override_settings(
        VAR_DIR=var, MEDIA_ROOT=var / "media", ALLIAGE_EXPORT_DIR=var / "exports"
    ):
        (var / "media").mkdir(parents=True)
        (var / "exports").mkdir()
        yield var


class Writer(threading.Thread):
    """Keeps writing organisations, as the demo does while someone uses it."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.committed: list[int] = []
        self.stop = threading.Event()
        self.started_writing = threading.Event()

    def run(self) -> None:
        try:
            n = 0
            while not self.stop.is_set():
                n += 1
                self.committed.append(OrganisationFactory(name=f"Writer {n}").pk)
                self.started_writing.set()
        finally:
            connection.close()


def test_round_trip_keeps_what_was_written_before_and_drops_what_came_after(
    site: Path, tmp_path: Path
) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    before = OrganisationFactory(name="Before the backup")
    (site / "media" / "kept.txt").write_text("kept")
    writer = Writer()
    writer.start()
    assert writer.started_writing.wait(30)
    committed_before = list(writer.committed)  # committed while the backup starts
    report = backup_create(directory=tmp_path / "backups")
    writer.stop.set()
    writer.join(30)
    after = OrganisationFactory(name="After the backup")
    (site / "media" / "later.txt").write_text("later")

    backup_restore(archive=report.archive)

    restored = set(Organisation.objects.values_list("pk", flat=True))
    assert before.pk in restored
    assert set(committed_before) <= restored
    assert after.pk not in restored
    assert (site / "media" / "kept.txt").read_text() == "kept"
    assert not (site / "media" / "later.txt").exists()


def test_the_archive_is_private_and_the_index_is_not_in_it(site: Path, tmp_path: Path) -> None:
    report = backup_create(directory=tmp_path / "backups")
    assert report.archive.stat().st_mode & 0o077 == 0
    with tarfile.open(report.archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert not any("matching" in name or name.endswith(".npz") for name in names)


def test_a_secret_kept_in_the_var_dir_comes_back(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ALLIAGE_SECRET_KEY", raising=False)
    secret = site / "secret_key"
    secret.write_text("the-secret")
    report = backup_create(directory=tmp_path / "backups")
    assert report.warnings == []
    secret.write_text("another")
    backup_restore(archive=report.archive, rebuild_index=False)
    assert secret.read_text() == "the-secret"


def test_a_secret_from_the_environment_is_left_out_with_a_warning(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALLIAGE_SECRET_KEY", "k" * 60)
    (site / "secret_key").write_text("stale")
    report = backup_create(directory=tmp_path / "backups")
    assert report.warnings == [KEY_FROM_ENVIRONMENT]
    with tarfile.open(report.archive) as tar:
        assert "secret_key" not in tar.getnames()
    out = tmp_path / "err.txt"
    with out.open("w") as stderr:
        call_command("backup", str(tmp_path / "more"), stderr=stderr, stdout=stderr)
    assert "ALLIAGE_SECRET_KEY" in out.read_text()


def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(
    site: Path, tmp_path: Path
) -> None:
    kept = OrganisationFactory()
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(BackupError):
        backup_restore(archive=junk)
    empty = tmp_path / "empty.tar.gz"
    with tarfile.open(empty, "w:gz"):
        pass
    with pytest.raises(CommandError, match="not an Alliage backup"):
        call_command("restore", str(empty), "--no-input")
    assert Organisation.objects.filter(pk=kept.pk).exists()

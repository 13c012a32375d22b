"""The upload storage writes whole files or none (R5), and the command that deletes the
files no row points to any more (F4)."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from alliage.core.storage import AtomicFileSystemStorage

from ..factories import PublicationFactory, SubmissionFactory


class BrokenContent(ContentFile):
    """A file whose reading fails half-way, as a disk that fills up while it is written."""

    def chunks(self, chunk_size=None):
        yield b"x" * 1000
        raise OSError(28, "No space left on device")


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    storage = AtomicFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError, match="No space"):
        storage.save("calls/1/2/annexe.pdf", BrokenContent(b"", name="annexe.pdf"))
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_write_never_replaces_an_existing_file(tmp_path: Path) -> None:
    storage = AtomicFileSystemStorage(location=tmp_path)
    first = storage.save("a/doc.pdf", ContentFile(b"one"))
    second = storage.save("a/doc.pdf", ContentFile(b"two"))
    assert first != second
    assert storage.open(first).read() == b"one" and storage.open(second).read() == b"two"
    assert oct(os.stat(storage.path(second)).st_mode & 0o777) == "0o644"


def test_the_project_stores_uploads_with_it() -> None:
    from django.core.files.storage import storages

    assert isinstance(storages["default"], AtomicFileSystemStorage)


@pytest.mark.django_db
def test_purge_orphan_files_removes_orphans_and_keeps_referenced_files(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    submission = SubmissionFactory()
    submission.attachment.save("x.pdf", ContentFile(b"%PDF-1.4 kept"))
    publication = PublicationFactory()
    publication.cover.save("cover.png", ContentFile(b"png"))
    orphan = default_storage.save("calls/9/9/CV-Someone.pdf", io.BytesIO(b"%PDF orphan"))
    fresh = default_storage.save("calls/9/10/writing-now.pdf", io.BytesIO(b"%PDF new"))
    an_hour_ago = time.time() - 2 * 3600
    for name in (orphan, submission.attachment.name, publication.cover.name):
        os.utime(default_storage.path(name), (an_hour_ago, an_hour_ago))

    out = io.StringIO()
    call_command("purge_orphan_files", "--dry-run", stdout=out)
    assert orphan in out.getvalue() and "1 orphan file(s) found" in out.getvalue()
    assert default_storage.exists(orphan)

    call_command("purge_orphan_files", stdout=io.StringIO())
    assert not default_storage.exists(orphan)
    assert not (tmp_path / "calls/9/9").exists()  # its emptied folder too
    for kept in (submission.attachment.name, publication.cover.name, fresh):
        assert default_storage.exists(kept), kept

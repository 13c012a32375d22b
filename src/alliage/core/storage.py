"""Where uploads and personal-data archives are kept, and what the code does with them through
Django's storage API only (open, save, delete, exists, a listing), so that the same code runs on
the local disk and on an S3-compatible bucket (``alliage.core.s3``, chosen by
``ALLIAGE_STORAGE_URL``).

Two storages: ``default`` (every FileField) and ``exports`` (the Self Data archives, kept apart
so that a bucket rule can expire them and a purge of uploads never sees them). On disk a file is
written under a temporary name beside its place, then linked into place whole, so a full or
read-only disk, or a crash, never leaves a partial file under a name a row could point to (R5);
an object store writes an object whole by itself."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage
from django.core.files.utils import validate_file_name
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)

STORAGE_ALIASES = ("default", "exports")


class StorageUnavailable(OSError):
    """The object store did not answer (refused, timed out, denied): raised as the
    ``OSError`` a failing disk would raise, so that the code that handles one (an upload
    refused on its field, a preview "cannot be read at the moment") handles both."""


TEMPORARY_PREFIX = ".upload-"
TEMPORARY_SUFFIX = ".part"


class AtomicFileSystemStorage(FileSystemStorage):
    """``FileSystemStorage`` whose writes are all or nothing. The content goes to a hidden
    ``.upload-*.part`` file in the target directory; once complete it is hard-linked under
    its name (which fails if the name was taken meanwhile: a new one is chosen, as Django
    does) and the temporary name removed. Any error on the way removes the temporary file
    and reaches the caller as the ``OSError`` it is."""

    def _save(self, name: str, content: Any) -> str:
        validate_file_name(name, allow_relative_path=True)
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        fd, temporary = tempfile.mkstemp(
            dir=directory, prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX
        )
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in content.chunks():
                    handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                handle.flush()
                os.fsync(handle.fileno())
            while True:
                try:
                    os.link(temporary, full_path)
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
                else:
                    break
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        name = os.path.relpath(full_path, self.location)
        self._ensure_location_group_id(full_path)
        return str(name).replace("\\", "/")


class ExportFileSystemStorage(AtomicFileSystemStorage):
    """The personal-data archives on the local disk: under ``ALLIAGE_EXPORT_DIR`` (read at
    use, so a test that overrides it is followed), readable by the server's user only."""

    def __init__(self, **options: Any) -> None:
        options.setdefault("file_permissions_mode", 0o600)
        options.setdefault("directory_permissions_mode", 0o700)
        super().__init__(**options)

    @cached_property
    def base_location(self) -> str:
        return self._value_or_setting(self._location, settings.ALLIAGE_EXPORT_DIR)

    def _clear_cached_properties(self, setting: str, **kwargs: Any) -> None:
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "ALLIAGE_EXPORT_DIR":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


# Through any storage ----------------------------------------------------------------------


def storage_walk(storage: Storage) -> Iterator[tuple[str, dt.datetime]]:
    """Every file of ``storage`` (names relative to it, ``/``-separated) with its
    modification time (aware, UTC). On disk, links are skipped; in a bucket, one listing."""
    if isinstance(storage, FileSystemStorage):
        root = Path(storage.location)
        if not root.is_dir():
            return
        for folder, _dirs, files in os.walk(root):
            for file in files:
                path = Path(folder) / file
                if path.is_symlink():
                    continue
                try:
                    mtime = path.stat().st_mtime
                except FileNotFoundError:
                    continue
                yield path.relative_to(root).as_posix(), dt.datetime.fromtimestamp(mtime, tz=dt.UTC)
        return
    if (walk_listing := getattr(storage, "walk", None)) is not None:  # alliage.core.s3
        yield from walk_listing()
        return

    def walk(path: str) -> Iterator[tuple[str, dt.datetime]]:
        folders, files = storage.listdir(path)
        for file in files:
            name = f"{path}/{file}" if path else file
            yield name, storage.get_modified_time(name)
        for folder in folders:
            yield from walk(f"{path}/{folder}" if path else folder)

    yield from walk("")


def storage_delete(storage: Storage, name: str) -> None:
    """Delete a stored file (gone already is no error), and on disk the folders it leaves
    empty up to the storage's root."""
    storage.delete(name)
    if not isinstance(storage, FileSystemStorage):
        return
    root = Path(storage.location)
    for parent in Path(storage.path(name)).parents:
        if parent == root or not parent.is_relative_to(root):
            break
        try:
            parent.rmdir()  # only once empty
        except OSError:
            break


def open_once(storage: Storage, name: str) -> File:
    """Open a stored file for a single read and delete it: on disk at once (the open handle
    still reads it), in a bucket once the handle is closed (the download is over)."""
    handle = storage.open(name, "rb")
    if isinstance(storage, FileSystemStorage):
        storage.delete(name)
        return handle
    close = handle.close

    def close_then_delete() -> None:
        try:
            close()
        finally:
            try:
                storage.delete(name)
            except Exception:
                logger.warning("could not delete the downloaded file %s", name, exc_info=True)

    handle.close = close_then_delete  # type: ignore[method-assign]
    return handle


def storage_answers(storage: Storage) -> bool:
    """Whether the storage can be written to: its directory (or the nearest existing parent
    the server would create it in) writable on disk, its bucket answering otherwise."""
    if isinstance(storage, FileSystemStorage):
        path = Path(storage.location)
        while not path.exists() and path != path.parent:
            path = path.parent
        return path.is_dir() and os.access(path, os.W_OK | os.X_OK)
    if (probe := getattr(storage, "probe", None)) is not None:  # alliage.core.s3
        probe()
        return True
    storage.exists(".alliage-health-probe")
    return True


def storage_check() -> tuple[str, dict[str, Any], bool]:
    """The storage's part of ``/healthz``: the uploads and the archives answer. The body is
    public: the reason of a failure goes to the log only."""
    from django.core.files.storage import storages

    healthy = True
    for alias in STORAGE_ALIASES:
        try:
            ok = storage_answers(storages[alias])
        except Exception as error:  # any failure means "fail"
            logger.error(
                "Health check: the %s storage does not answer: %s: %s",
                alias,
                type(error).__name__,
                error,
            )
            ok = False
        if not ok:
            logger.error("Health check: the %s storage cannot be written to", alias)
        healthy = healthy and ok
    return "storage", {"status": "ok" if healthy else "fail"}, healthy

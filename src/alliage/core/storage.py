"""The file storage of uploads: a file is written under a temporary name beside its place,
then linked into place whole, so a full or read-only disk, or a crash, never leaves a partial
file under a name a row could point to (R5)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.core.files.utils import validate_file_name

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

"""Where the index lives between requests: one file (``ALLIAGE_MATCHING_INDEX``, by default
under var/), read once per process and read again when another process has replaced it.
Writers take a file lock, read the latest file, change it and replace it atomically, so
concurrent updates from several workers never lose one another's changes.

The file is a cache of the database: one that cannot be read (overwritten, truncated, of an
older format) is treated like a missing one. The first reader or writer to meet it logs a
warning and rebuilds it under the lock; the others wait on the lock and read the new file."""

from __future__ import annotations

import fcntl
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from . import documents
from .engine import Document, Index, UnreadableIndex

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_cached: tuple[float, Index] | None = None


def path() -> Path:
    target = Path(settings.ALLIAGE_MATCHING_INDEX)
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


@contextmanager
def _writing() -> Iterator[None]:
    with open(path().with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _remember(index: Index) -> Index:
    global _cached
    _cached = (path().stat().st_mtime_ns, index)
    return index


def index_get() -> Index:
    """The current index; built from the database the first time if there is none yet, and
    rebuilt if the file cannot be read."""
    target = path()
    with _lock:
        if target.exists():
            mtime = target.stat().st_mtime_ns
            if _cached is not None and _cached[0] == mtime:
                return _cached[1]
            index = _readable(target)  # None when replaced meanwhile or unreadable
            if index is not None:
                return _remember(index)
    return _repair()


def _warn(target: Path, error: Exception) -> None:
    logger.warning("The matching index %s cannot be read (%s): rebuilding it.", target, error)


def _readable(target: Path) -> Index | None:
    """The index in the file, or None when there is none or it cannot be read (said in the
    log)."""
    try:
        return Index.load(target)
    except FileNotFoundError:
        return None
    except UnreadableIndex as error:
        _warn(target, error)
        return None


def _repair() -> Index:
    """A readable index: the one another process has just written while this one waited for
    the lock, or a fresh build."""
    with _writing():
        index = _readable(path())
        if index is not None:
            with _lock:
                return _remember(index)
        return _store(_build(None))


def _build(progress: Callable[[int, int], None] | None) -> Index:
    total = documents.count_all()
    done = 0
    batch: list[Document] = []
    index = Index()
    for document in documents.all_documents():
        batch.append(document)
        if len(batch) == documents.BATCH:
            index.upsert(batch)
            done += len(batch)
            batch = []
            if progress:
                progress(done, total)
    index.upsert(batch)
    if progress:
        progress(total, total)
    return index


def _store(index: Index) -> Index:
    """Write the index and keep it as this process's copy. A disk that refuses the file (full,
    read-only) costs the next process a rebuild, not the request its answer."""
    with _lock:
        try:
            index.save(path())
        except OSError:
            logger.exception("The matching index could not be written to %s.", path())
            return index
        return _remember(index)


def index_rebuild(progress: Callable[[int, int], None] | None = None) -> Index:
    """A fresh index of everything indexable; ``progress(done, total)`` is called as it goes."""
    with _writing():
        return _store(_build(progress))


def index_update(keys: list[str]) -> Index:
    """Re-read these objects and put them in the index, or take them out."""
    with _writing():
        index = _readable(path())
        if index is None:  # a fresh build reads these objects as they are now
            return _store(_build(None))
        found, gone = documents.documents_for(keys)
        index.remove(gone)
        index.upsert(found)
        return _store(index)


def index_purge(keys: list[str]) -> None:
    """Take these objects out so that nothing of them is left in the file (an erasure): see
    ``Index.purge``. The file is rewritten at once, not at the next update; without a file
    there is nothing to purge, and an unreadable one is rebuilt without them."""
    with _writing():
        if not path().exists():
            return
        index = _readable(path())
        if index is None:  # a fresh build leaves them out: they no longer qualify
            _store(_build(None))
            return
        index.purge(keys)
        _store(index)


def index_forget() -> None:
    """Drop the file and the process's copy (tests start from an empty index)."""
    global _cached
    with _lock:
        _cached = None
        path().unlink(missing_ok=True)

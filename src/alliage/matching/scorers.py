"""The analysed corpus and the scorers that rank its rows against a query.

A ``Corpus`` holds one row per document version as a sparse term-frequency matrix (CSR);
rows of removed or replaced documents are tombstoned (``alive`` is False) until compaction.
A scorer is fitted on the corpus (all its statistics are recomputed from the live rows, so
the IDF is always the one a fresh build would give) and scores a query against every row.

Three scorers ship, none needing a download:
- ``BM25Scorer``: per-(document, term) BM25 weights precomputed in a CSC matrix; a query sums
  the columns of its terms. ``idf="okapi"`` reproduces rank_bm25's BM25Okapi exactly.
- ``NgramScorer``: cosine of character n-gram tf-idf vectors, which survives typos and
  inflections ("comande publik" meets "commande publique").
- ``CombinedScorer``: weighted sum of per-query normalised scores.

An embedding scorer installed later implements the same ``Scorer`` protocol, registers its
class in ``SCORERS`` and keeps its own row-aligned vectors (``Corpus.keys`` names the rows).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import scipy.sparse as sp

from .text import NGRAM_SIZES, Bag, char_ngrams

Arrays = dict[str, np.ndarray]


@dataclass(frozen=True)
class Query:
    """An analysed query: its bag of stems, and the corpus columns of the stems it knows."""

    bag: Bag
    cols: np.ndarray
    weights: np.ndarray


class Corpus:
    """Documents as rows of a sparse term-frequency matrix, with the statistics BM25 needs."""

    def __init__(self) -> None:
        self.terms: list[str] = []
        self.vocab: dict[str, int] = {}
        self.keys: list[str] = []
        self.tf = sp.csr_matrix((0, 0), dtype=np.float64)
        self.lengths = np.zeros(0)
        self.alive = np.zeros(0, dtype=bool)
        self.df = np.zeros(0)
        self.n_alive = 0
        self.avgdl = 0.0

    @property
    def n_rows(self) -> int:
        return len(self.keys)

    def append(self, keys: Sequence[str], bags: Sequence[Bag]) -> None:
        """Add one row per bag; new stems get new columns."""
        indptr, indices, data = array("q", [0]), array("i"), array("d")
        vocab, terms = self.vocab, self.terms
        for bag in bags:
            for stem in bag.weights:
                if stem not in vocab:
                    vocab[stem] = len(terms)
                    terms.append(stem)
            indices.extend(map(vocab.__getitem__, bag.weights))
            data.extend(bag.weights.values())
            indptr.append(len(indices))
        rows = sp.csr_matrix(
            (
                np.frombuffer(data),
                np.frombuffer(indices, np.int32),
                np.frombuffer(indptr, np.int64),
            ),
            shape=(len(bags), len(terms)),
        )
        rows.sort_indices()
        old = self.tf
        old.resize((old.shape[0], len(terms)))
        self.tf = sp.vstack([old, rows], format="csr") if old.shape[0] else rows.copy()
        self.keys.extend(keys)
        self.lengths = np.concatenate([self.lengths, [float(b.length) for b in bags]])
        self.alive = np.concatenate([self.alive, np.ones(len(bags), dtype=bool)])

    def compact(self) -> np.ndarray:
        """Drop dead rows; returns the new row of every old row (-1 when dropped)."""
        mapping = np.full(self.n_rows, -1, dtype=np.int64)
        mapping[self.alive] = np.arange(int(self.alive.sum()))
        self.tf = self.tf[self.alive]
        self.keys = [k for k, a in zip(self.keys, self.alive, strict=True) if a]
        self.lengths = self.lengths[self.alive]
        self.alive = np.ones(self.n_rows, dtype=bool)
        return mapping

    def refresh_stats(self) -> None:
        """Document frequencies, live count and average length over live rows only."""
        live = self.tf[self.alive]
        self.df = np.bincount(live.indices, minlength=len(self.terms)).astype(np.float64)
        self.n_alive = int(self.alive.sum())
        self.avgdl = float(self.lengths[self.alive].mean()) if self.n_alive else 0.0

    def idf(self) -> np.ndarray:
        """A smooth, always positive IDF (for explanations and cluster labels)."""
        with np.errstate(divide="ignore"):
            return np.where(self.df > 0, np.log1p(self.n_alive / np.maximum(self.df, 1)), 0.0)

    def query(self, bag: Bag) -> Query:
        known = [(self.vocab[s], w) for s, w in bag.weights.items() if s in self.vocab]
        cols = np.array([c for c, _ in known], dtype=np.int64)
        return Query(bag, cols, np.array([w for _, w in known], dtype=np.float64))


class Scorer(Protocol):
    """Scores a query against the rows of a corpus. ``fit`` is called after every change to
    the corpus, ``score`` returns one float per row (of ``rows`` when given, else of all)."""

    name: str

    def fit(self, corpus: Corpus) -> None: ...

    def score(self, query: Query, rows: np.ndarray | None = None) -> np.ndarray: ...

    def config(self) -> dict[str, Any]: ...

    def scale(self, query: Query) -> float: ...

    def state(self) -> Arrays: ...

    def restore(self, corpus: Corpus, state: Mapping[str, np.ndarray]) -> None: ...


def sparse_arrays(prefix: str, matrix: sp.spmatrix) -> Arrays:
    m = matrix.tocsr() if matrix.format not in ("csr", "csc") else matrix
    return {
        f"{prefix}.data": m.data,
        f"{prefix}.indices": m.indices,
        f"{prefix}.indptr": m.indptr,
        f"{prefix}.shape": np.array(m.shape),
        f"{prefix}.csc": np.array(m.format == "csc"),
    }


def sparse_from(prefix: str, arrays: Mapping[str, np.ndarray]) -> sp.spmatrix:
    cls = sp.csc_matrix if bool(arrays[f"{prefix}.csc"]) else sp.csr_matrix
    parts = (arrays[f"{prefix}.data"], arrays[f"{prefix}.indices"], arrays[f"{prefix}.indptr"])
    return cls(parts, shape=tuple(int(x) for x in arrays[f"{prefix}.shape"]))


class BM25Scorer:
    """BM25 as one sparse matrix W[d, t] = idf(t)·tf·(k1+1) / (tf + k1·(1-b+b·|d|/avgdl)).

    A query's score is ``W[:, cols] @ query_weights``: only the columns of its terms are
    touched, never a Python loop over documents. A query term's weight is its count in the
    query (tags count ``TAG_WEIGHT`` times), as rank_bm25 loops over repeated query tokens.

    ``idf="okapi"`` is rank_bm25's BM25Okapi: idf = ln(N-n+0.5) - ln(n+0.5), and terms whose
    idf is negative get epsilon times the average idf. ``idf="lucene"`` (default) is
    ln(1 + (N-n+0.5)/(n+0.5)), always positive, better behaved on small corpora.
    """

    name = "bm25"

    def __init__(
        self, *, k1: float = 1.5, b: float = 0.75, idf: str = "lucene", epsilon: float = 0.25
    ) -> None:
        if idf not in ("lucene", "okapi"):
            raise ValueError(f"unknown idf {idf!r}")
        self.k1, self.b, self.idf_kind, self.epsilon = k1, b, idf, epsilon
        self.weights = sp.csc_matrix((0, 0))
        self.term_idf = np.zeros(0)

    def config(self) -> dict[str, Any]:
        return {"k1": self.k1, "b": self.b, "idf": self.idf_kind, "epsilon": self.epsilon}

    def idf(self, corpus: Corpus) -> np.ndarray:
        n, df = corpus.n_alive, corpus.df
        present = df > 0
        idf = np.zeros_like(df)
        if self.idf_kind == "lucene":
            idf[present] = np.log1p((n - df[present] + 0.5) / (df[present] + 0.5))
            return idf
        idf[present] = np.log(n - df[present] + 0.5) - np.log(df[present] + 0.5)
        average = float(idf[present].mean()) if present.any() else 0.0
        idf[present & (idf < 0)] = self.epsilon * average
        return idf

    def fit(self, corpus: Corpus) -> None:
        tf = corpus.tf
        rows = np.repeat(np.arange(tf.shape[0]), np.diff(tf.indptr))
        avgdl = corpus.avgdl or 1.0
        norm = self.k1 * (1 - self.b + self.b * corpus.lengths / avgdl)
        self.term_idf = self.idf(corpus)
        data = self.term_idf[tf.indices] * tf.data * (self.k1 + 1) / (tf.data + norm[rows])
        data[~corpus.alive[rows]] = 0.0
        self.weights = sp.csr_matrix((data, tf.indices, tf.indptr), shape=tf.shape).tocsc()

    def score(self, query: Query, rows: np.ndarray | None = None) -> np.ndarray:
        if query.cols.size == 0:
            scores = np.zeros(self.weights.shape[0])
        else:
            scores = self.weights[:, query.cols] @ query.weights
        return scores if rows is None else scores[rows]

    def state(self) -> Arrays:
        return sparse_arrays("w", self.weights)

    def restore(self, corpus: Corpus, state: Mapping[str, np.ndarray]) -> None:
        self.weights = sparse_from("w", state).tocsc()
        self.term_idf = self.idf(corpus)

    def scale(self, query: Query) -> float:
        """The score of a document of average length holding each query term once: the
        unit that makes scores comparable from one query to the next."""
        return float(self.term_idf[query.cols] @ query.weights) if query.cols.size else 0.0


class NgramScorer:
    """Cosine similarity of character n-gram tf-idf vectors, computed without materialising
    the (documents by n-grams) matrix: a document's n-gram vector is its term-frequency row
    times G, the (terms by n-grams) matrix of each stem's n-grams weighted by their idf, so

        cos(d, q) = tf[d] · (G · q̂) / ‖tf[d] · G‖

    Only the per-document norms (one float each) and G (a few n-grams per vocabulary term)
    are kept. An n-gram's document frequency counts the live documents with a stem that
    contains it; idf = ln((1+N)/(1+df)) + 1 (0 when no live document has it).
    """

    name = "ngram"
    CHUNK = 8192

    def __init__(self, *, sizes: Sequence[int] = NGRAM_SIZES) -> None:
        self.sizes = tuple(sizes)
        self.ngrams: dict[str, int] = {}
        self.counts = sp.csr_matrix((0, 0))  # terms by n-grams, 0 or 1
        self.weighted = sp.csc_matrix((0, 0))  # the same, columns scaled by idf
        self.idf = np.zeros(0)
        self.norms = np.zeros(0)

    def config(self) -> dict[str, Any]:
        return {"sizes": list(self.sizes)}

    def _grow(self, terms: Sequence[str]) -> None:
        """Add the n-gram rows of the terms the corpus gained since the last fit."""
        start = self.counts.shape[0]
        indptr, indices = [0], []
        for term in terms[start:]:
            for gram in set(char_ngrams(term, self.sizes)):
                indices.append(self.ngrams.setdefault(gram, len(self.ngrams)))
            indptr.append(len(indices))
        new = sp.csr_matrix(
            (np.ones(len(indices)), np.array(indices, np.int32), np.array(indptr, np.int64)),
            shape=(len(terms) - start, len(self.ngrams)),
        )
        old = self.counts
        old.resize((old.shape[0], len(self.ngrams)))
        self.counts = sp.vstack([old, new], format="csr")

    def fit(self, corpus: Corpus) -> None:
        self._grow(corpus.terms)
        live = np.flatnonzero(corpus.alive)
        binary = self.counts.copy()
        df = np.zeros(len(self.ngrams))
        for start in range(0, live.size, self.CHUNK):
            block = corpus.tf[live[start : start + self.CHUNK]]
            block.data = np.ones_like(block.data)
            product = block @ binary
            df += np.bincount(product.indices, minlength=len(self.ngrams))
        # An n-gram only removed documents had must weigh nothing, as after a fresh build.
        self.idf = np.where(df > 0, np.log((1 + live.size) / (1 + df)) + 1, 0.0)
        self.weighted = (self.counts @ sp.diags(self.idf)).tocsr()
        self.norms = np.ones(corpus.n_rows)
        for start in range(0, corpus.n_rows, self.CHUNK):
            product = corpus.tf[start : start + self.CHUNK] @ self.weighted
            norms = np.sqrt(np.asarray(product.multiply(product).sum(axis=1)).ravel())
            self.norms[start : start + norms.size] = np.where(norms > 0, norms, 1.0)
        self.weighted = self.weighted.tocsc()
        self._tf = corpus.tf

    def query_vector(self, query: Query) -> tuple[np.ndarray, np.ndarray]:
        """The query's n-gram columns and their unit-normalised tf-idf weights."""
        counts: dict[int, float] = {}
        for stem, weight in query.bag.weights.items():
            for gram in char_ngrams(stem, self.sizes):
                col = self.ngrams.get(gram)
                if col is not None:
                    counts[col] = counts.get(col, 0.0) + weight
        cols = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        values *= self.idf[cols]
        norm = math.sqrt(float(values @ values)) or 1.0
        return cols, values / norm

    def score(self, query: Query, rows: np.ndarray | None = None) -> np.ndarray:
        cols, values = self.query_vector(query)
        if cols.size == 0:
            scores = np.zeros(self.norms.size)
        else:
            per_term = self.weighted[:, cols] @ values
            scores = (self._tf @ per_term) / self.norms
        return scores if rows is None else scores[rows]

    def scale(self, query: Query) -> float:
        return 1.0

    def state(self) -> Arrays:
        grams = np.array(sorted(self.ngrams, key=self.ngrams.__getitem__), dtype=str)
        return {
            "grams": grams,
            "idf": self.idf,
            "norms": self.norms,
            **sparse_arrays("counts", self.counts),
            **sparse_arrays("weighted", self.weighted),
        }

    def restore(self, corpus: Corpus, state: Mapping[str, np.ndarray]) -> None:
        self.ngrams = {str(g): i for i, g in enumerate(state["grams"].tolist())}
        self.idf, self.norms = state["idf"], state["norms"]
        self.counts = sparse_from("counts", state).tocsr()
        if "weighted.data" in state:  # stored, so that a memory-mapped index shares it too
            self.weighted = sparse_from("weighted", state).tocsc()
        else:
            self.weighted = (self.counts @ sp.diags(self.idf)).tocsc()
        self._tf = corpus.tf


class CombinedScorer:
    """Weighted sum of the parts' scores, each normalised for the query so that BM25's
    unbounded scores and cosines in [0, 1] can be added.

    ``normalise="scale"`` (default) divides each part by its ``scale(query)``: BM25 by the
    score of an average document holding every query term once, the cosine by 1. A score
    then reads as the share of the query found in the document (about 1 when all of it is),
    does not depend on which rows are candidates, and compares from one query to the next,
    so that callers may set a threshold. ``normalise="max"`` divides each part by its best
    score among the rows: the top hit always scores about 1.
    """

    name = "combined"

    def __init__(self, parts: Sequence[tuple[Scorer, float]], *, normalise: str = "scale") -> None:
        if normalise not in ("scale", "max"):
            raise ValueError(f"unknown normalisation {normalise!r}")
        self.parts = list(parts)
        self.normalise = normalise

    def config(self) -> dict[str, Any]:
        return {
            "parts": [{"name": s.name, "weight": w, "config": s.config()} for s, w in self.parts],
            "normalise": self.normalise,
        }

    def fit(self, corpus: Corpus) -> None:
        for scorer, _ in self.parts:
            scorer.fit(corpus)

    def score(self, query: Query, rows: np.ndarray | None = None) -> np.ndarray:
        total: np.ndarray | None = None
        for scorer, weight in self.parts:
            scores = scorer.score(query, rows)
            if self.normalise == "scale":
                top = scorer.scale(query)
            else:
                top = float(scores.max()) if scores.size else 0.0
            part = scores * (weight / top) if top > 0 else np.zeros_like(scores)
            total = part if total is None else total + part
        return total if total is not None else np.zeros(0)

    def state(self) -> Arrays:
        return {
            f"{i}.{name}": array
            for i, (scorer, _) in enumerate(self.parts)
            for name, array in scorer.state().items()
        }

    def restore(self, corpus: Corpus, state: Mapping[str, np.ndarray]) -> None:
        for i, (scorer, _) in enumerate(self.parts):
            prefix = f"{i}."
            scorer.restore(
                corpus, {k[len(prefix) :]: v for k, v in state.items() if k.startswith(prefix)}
            )


SCORERS: dict[str, Any] = {"bm25": BM25Scorer, "ngram": NgramScorer}


def scorer_from_config(name: str, config: Mapping[str, Any]) -> Scorer:
    """Rebuild a scorer from what ``config()`` returned (used when loading an index)."""
    if name == CombinedScorer.name:
        return CombinedScorer(
            [
                (scorer_from_config(p["name"], p["config"]), float(p["weight"]))
                for p in config["parts"]
            ],
            normalise=config.get("normalise", "max"),
        )
    return SCORERS[name](**config)

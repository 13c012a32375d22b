"""Convergences: submissions grouped into clusters of convergent ideas.

Each submission becomes one vector joining two unit-normalised parts: its words (stems
weighted by tf·idf, idf from the whole index) and its character n-grams (tf·idf over the
submissions compared), scaled so that the cosine of two vectors is

    word_weight · cos(words) + (1 - word_weight) · cos(n-grams)

so that paraphrases sharing stems and proposals full of typos both come close. Clusters are
cut from an average-linkage agglomerative clustering (scipy) at a similarity threshold the
team can move: at 0.5, the average similarity between two clusters must be at least 0.5 for
them to merge. 2,000 submissions take well under a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from .engine import Index
from .text import NGRAM_SIZES, char_ngrams

DEFAULT_THRESHOLD = 0.3
WORD_WEIGHT = 0.5


@dataclass(frozen=True)
class Convergence:
    """A cluster: its members' keys, the terms most of them share (surface words), and the
    mean similarity between its members (1.0 for a single submission)."""

    keys: tuple[str, ...]
    label: tuple[str, ...]
    cohesion: float


def _normalise(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sp.diags(1 / np.where(norms > 0, norms, 1.0)) @ matrix


def submission_vectors(
    index: Index, keys: Sequence[str], *, word_weight: float = WORD_WEIGHT
) -> sp.csr_matrix:
    """The joined word and n-gram vectors of the indexed documents ``keys``, one row each."""
    index.refresh()
    corpus = index.corpus
    tf = corpus.tf[[index.rows[key] for key in keys]]
    words = _normalise(tf @ sp.diags(corpus.idf()))
    used = np.unique(tf.indices)
    grams: dict[str, int] = {}
    indptr, indices = [0], []
    for col in used.tolist():
        for gram in set(char_ngrams(corpus.terms[col], NGRAM_SIZES)):
            indices.append(grams.setdefault(gram, len(grams)))
        indptr.append(len(indices))
    per_term = sp.csr_matrix(
        (np.ones(len(indices)), np.array(indices, np.int32), np.array(indptr, np.int64)),
        shape=(used.size, len(grams)),
    )
    ngrams = tf[:, used] @ per_term
    df = np.bincount(ngrams.indices, minlength=len(grams))
    idf = np.log((1 + len(keys)) / (1 + df)) + 1
    ngrams = _normalise(ngrams @ sp.diags(idf))
    return sp.hstack(
        [np.sqrt(word_weight) * words, np.sqrt(1 - word_weight) * ngrams], format="csr"
    )


def convergences(
    source: Index | sp.spmatrix | np.ndarray,
    keys: Sequence[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    singletons: bool = True,
    terms: Sequence[str] | None = None,
    label_size: int = 3,
) -> list[Convergence]:
    """Cluster ``keys`` (documents of an index, or the rows of a matrix given in their
    order) so that within a cluster the average cosine similarity between subclusters is at
    least ``threshold`` (0..1: higher means tighter, smaller clusters). Biggest clusters
    first, single submissions last (or dropped when ``singletons`` is False).

    With an index, labels are the surface words most members share, rarest first; with a
    matrix, the names in ``terms`` of its heaviest columns (no label without ``terms``).
    """
    if not 0 <= threshold <= 1:
        raise ValueError("threshold must be between 0 and 1")
    if not keys:
        return []
    if isinstance(source, Index):
        vectors = submission_vectors(source, keys)
    else:
        vectors = _normalise(sp.csr_matrix(source, dtype=np.float64))
    similarity = np.asarray((vectors @ vectors.T).todense())
    if len(keys) == 1:
        assignment = np.ones(1, dtype=np.int64)
    else:
        distance = np.clip(1 - similarity, 0, 2)
        np.fill_diagonal(distance, 0)
        tree = linkage(squareform(distance, checks=False), method="average")
        assignment = fcluster(tree, t=1 - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for row, cluster in enumerate(assignment.tolist()):
        groups.setdefault(cluster, []).append(row)
    result = []
    for rows in groups.values():
        if len(rows) == 1 and not singletons:
            continue
        block = similarity[np.ix_(rows, rows)]
        size = len(rows)
        cohesion = 1.0 if size == 1 else float((block.sum() - size) / (size * (size - 1)))
        label = _label(source, [keys[r] for r in rows], vectors[rows], terms, label_size)
        result.append(Convergence(tuple(keys[r] for r in rows), label, cohesion))
    result.sort(key=lambda c: (-len(c.keys), -c.cohesion, c.keys[0]))
    return result


def _label(
    source: Index | sp.spmatrix | np.ndarray,
    keys: list[str],
    vectors: sp.csr_matrix,
    terms: Sequence[str] | None,
    size: int,
) -> tuple[str, ...]:
    """Characteristic terms: shared by at least half of the members, rarest in the index."""
    if not isinstance(source, Index):
        if terms is None:
            return ()
        weights = np.asarray(vectors.mean(axis=0)).ravel()[: len(terms)]
        return tuple(terms[c] for c in np.argsort(-weights)[:size] if weights[c] > 0)
    corpus = source.corpus
    tf = corpus.tf[[source.rows[key] for key in keys]]
    coverage = np.bincount(tf.indices, minlength=len(corpus.terms)) / len(keys)
    candidates = np.flatnonzero(coverage >= 0.5)
    score = coverage[candidates] * source.term_idf[candidates]
    best = candidates[np.argsort(-score, kind="stable")]
    words = dict.fromkeys(source.surface(corpus.terms[c]) for c in best)
    return tuple(words)[:size]

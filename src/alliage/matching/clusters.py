"""Convergences: submissions grouped into clusters of convergent ideas.

Each submission becomes one vector joining two unit-normalised parts: its words (stems
weighted by tf·idf, idf from the whole index) and its character n-grams (tf·idf over the
submissions compared), scaled so that the cosine of two vectors is

    word_weight · cos(words) + (1 - word_weight) · cos(n-grams)

so that paraphrases sharing stems and proposals full of typos both come close. When the
index holds semantic vectors (``semantic``), half of the similarity is what the proposals
mean: the cosine of their vectors once centred on the call's own mean, which takes away what
every proposal of a call shares (its topic, its language) and leaves what sets one idea apart
from the others. On the consultation set this lifts the adjusted Rand index of the groups
against the hand-made ideas from 0.25 to 0.36 at the suggested threshold.

Clusters are cut from an average-linkage agglomerative clustering (scipy) at a similarity
threshold the team can move: at 0.5, the average similarity between two clusters must be at
least 0.5 for them to merge. The threshold suggested for a call comes from its own proposals
(``suggested_threshold``): the tightest at which groups of two or more hold ``MEAN_GROUP``
proposals on average, or for a call of a few proposals the largest drop in the tree. Groups
come out ranked by size times cohesion, single proposals last. 2,000 submissions with their
vectors take under two seconds.
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

WORD_WEIGHT = 0.5
# The share of the similarity that comes from the semantic vectors when there are some
# (measured on the consultation set: 0.3 gives 0.35, 0.5 gives 0.39, 0.7 gives 0.37 at the
# best fixed threshold; bench/matching.py reports it).
MEANING_MIX = 0.5
# The thresholds a team can choose, and the ones the suggestion is chosen from.
LOWEST, HIGHEST, STEP = 0.01, 0.95, 0.01
GRID = tuple(round(LOWEST + i * STEP, 2) for i in range(round((HIGHEST - LOWEST) / STEP) + 1))
# The suggested threshold, chosen among label-free rules on the consultation set (821
# proposals, 8 calls of 59 to 151) and on samples of 6 to 59 of a call's proposals:
# - from SMALL_CALL proposals on, the tightest threshold at which the groups of two or more
#   hold MEAN_GROUP proposals on average, or a tenth of the call's proposals when that is
#   fewer (at least MIN_GROUP). Whole calls, with the vectors: ARI 0.36 (text only 0.25),
#   against 0.23 for the silhouette's maximum and 0.33 for the tree's largest gap; a mean of 5
#   gives 0.35 and 8 gives 0.37: 6 keeps groups a team can read at a glance. Samples of 20:
#   0.32 with a mean of 3 where a tenth (2) gives 0.06.
# - under SMALL_CALL, averages mean little: the cut goes where the similarity of the next
#   merge drops the most, never joining proposals less similar than BREAK_FLOOR (samples of
#   6: ARI 0.30 against 0.19 for a mean of 3).
MEAN_GROUP = 6
MIN_GROUP = 3
SMALL_CALL = 12
BREAK_FLOOR = 0.05


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


def meaning_similarity(vectors: np.ndarray) -> np.ndarray:
    """The cosines of semantic vectors centred on their mean, negative ones as 0: what the
    proposals of a call mean beyond what they all share."""
    centred = np.asarray(vectors, dtype=np.float64)
    centred = centred - centred.mean(axis=0)
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    centred = centred / np.where(norms > 1e-9, norms, 1.0)
    return np.clip(centred @ centred.T, 0, 1)


def similarity(
    source: Index | sp.spmatrix | np.ndarray,
    keys: Sequence[str],
    *,
    meaning: np.ndarray | None = None,
    mix: float = MEANING_MIX,
) -> tuple[np.ndarray, sp.csr_matrix]:
    """The similarity (0..1) of every pair of ``keys``, and their text vectors: the cosine of
    the text vectors, joined by ``meaning_similarity`` with the weight ``mix`` when semantic
    vectors are given (one row per key, in their order; centring them needs three keys at
    least, see ``grouping``)."""
    if isinstance(source, Index):
        vectors = submission_vectors(source, keys)
    else:
        vectors = _normalise(sp.csr_matrix(source, dtype=np.float64))
    result = np.clip(np.asarray((vectors @ vectors.T).todense()), 0, 1)
    if meaning is not None:
        if meaning.shape[0] != len(keys):
            raise ValueError("one semantic vector per key")
        result = (1 - mix) * result + mix * meaning_similarity(meaning)
    np.fill_diagonal(result, 1.0)
    return result, vectors


def _cut(tree: np.ndarray | None, size: int, threshold: float) -> np.ndarray:
    if tree is None:
        return np.ones(size, dtype=np.int64)
    return fcluster(tree, t=1 - threshold + 1e-12, criterion="distance")


def group_target(size: int) -> float:
    """The mean size of groups the suggested threshold aims at, for a call of ``size``."""
    return min(MEAN_GROUP, max(MIN_GROUP, size / 10))


def suggested_threshold(tree: np.ndarray | None, size: int) -> float:
    """The threshold of ``GRID`` suggested for ``size`` proposals clustered into ``tree``
    (see ``MEAN_GROUP`` and ``SMALL_CALL``)."""
    if tree is None:
        return GRID[0]
    if size < SMALL_CALL:
        return _largest_drop(1 - np.sort(tree[:, 2]))
    target = group_target(size)
    for threshold in reversed(GRID):
        counts = np.bincount(_cut(tree, size, threshold))
        grouped = counts[counts > 1]
        if grouped.size and grouped.mean() >= target:
            return threshold
    return GRID[0]


def _largest_drop(merges: np.ndarray) -> float:
    """Just above the merge after the largest drop among ``merges`` (their similarities, in
    the tree's order) that keeps only merges of at least ``BREAK_FLOOR``: every proposal alone
    when none is that similar."""
    kept, drop = 0, -1.0
    for k in range(1, len(merges) + 1):
        if merges[k - 1] < BREAK_FLOOR:
            break
        after = merges[k] if k < len(merges) else 0.0
        if merges[k - 1] - after > drop:
            kept, drop = k, merges[k - 1] - after
    below = merges[kept] if kept < len(merges) else 0.0
    return _on_grid(float(below) + 1e-9, up=True)


@dataclass(frozen=True)
class Grouping:
    """A call's convergences at one threshold, with the threshold suggested for it and the
    range over which moving the threshold changes anything."""

    convergences: tuple[Convergence, ...]
    threshold: float
    suggested: float
    lowest: float  # at or below it, every proposal is in one group
    highest: float  # above it, every proposal is alone
    by_meaning: bool
    target: float | None = None  # the mean group size the suggestion aims at (None: a break)

    @property
    def groups(self) -> tuple[Convergence, ...]:
        return tuple(c for c in self.convergences if len(c.keys) > 1)

    @property
    def alone(self) -> tuple[Convergence, ...]:
        return tuple(c for c in self.convergences if len(c.keys) == 1)


def _on_grid(value: float, *, up: bool) -> float:
    steps = (value - LOWEST) / STEP
    step = np.ceil(steps - 1e-9) if up else np.floor(steps + 1e-9)
    return round(min(HIGHEST, max(LOWEST, LOWEST + step * STEP)), 2)


def grouping(
    source: Index | sp.spmatrix | np.ndarray,
    keys: Sequence[str],
    *,
    threshold: float | None = None,
    meaning: np.ndarray | None = None,
    mix: float = MEANING_MIX,
    singletons: bool = True,
    terms: Sequence[str] | None = None,
    label_size: int = 3,
) -> Grouping:
    """Cluster ``keys`` (documents of an index, or the rows of a matrix given in their
    order) so that within a cluster the average similarity between subclusters is at least
    ``threshold`` (0..1: higher means tighter, smaller clusters), the suggested threshold
    when none is given. ``meaning``: the keys' semantic vectors, when the index has them,
    ``mix`` the share of the similarity they make.
    Clusters ranked by size times cohesion, single submissions last (or dropped when
    ``singletons`` is False).

    With an index, labels are the surface words most members share, rarest first; with a
    matrix, the names in ``terms`` of its heaviest columns (no label without ``terms``).
    """
    if threshold is not None and not 0 <= threshold <= 1:
        raise ValueError("threshold must be between 0 and 1")
    if not keys:
        return Grouping((), threshold or GRID[0], GRID[0], GRID[0], GRID[0], False, None)
    # Centred on their mean, one or two vectors say nothing of each other.
    by_meaning = meaning is not None and len(keys) > 2
    similar, vectors = similarity(source, keys, meaning=meaning if by_meaning else None, mix=mix)
    tree = None
    if len(keys) > 1:
        distance = 1 - similar
        np.fill_diagonal(distance, 0)
        tree = linkage(squareform(distance, checks=False), method="average")
    heights = tree[:, 2] if tree is not None else np.zeros(1)
    suggested = suggested_threshold(tree, len(keys))
    chosen = suggested if threshold is None else threshold
    assignment = _cut(tree, len(keys), chosen)
    groups: dict[int, list[int]] = {}
    for row, cluster in enumerate(assignment.tolist()):
        groups.setdefault(cluster, []).append(row)
    result = []
    for rows in groups.values():
        if len(rows) == 1 and not singletons:
            continue
        block = similar[np.ix_(rows, rows)]
        size = len(rows)
        cohesion = 1.0 if size == 1 else float((block.sum() - size) / (size * (size - 1)))
        label = _label(source, [keys[r] for r in rows], vectors[rows], terms, label_size)
        result.append(Convergence(tuple(keys[r] for r in rows), label, cohesion))
    result.sort(key=lambda c: (len(c.keys) == 1, -len(c.keys) * c.cohesion, c.keys[0]))
    return Grouping(
        convergences=tuple(result),
        threshold=chosen,
        suggested=suggested,
        lowest=_on_grid(1 - float(heights.max()), up=False),
        highest=_on_grid(1 - float(heights.min()), up=True),
        by_meaning=by_meaning,
        target=group_target(len(keys)) if len(keys) >= SMALL_CALL else None,
    )


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

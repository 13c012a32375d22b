"""Measuring the matching on the consultation corpus (``consultation/proposals.json``): short
proposals sent to 8 calls, labelled by hand into ideas (issue 18).

No database: production turns a submission into a ``Document`` with
``documents.submission_document`` (key ``submission:<pk>``, kind ``submission``, group the
organisation's kind or ``other``, text its title, summary, impact, partners sought and
diagnostic joined by newlines, language guessed). A consultation proposal is one or two
sentences with no organisation, so it becomes ``Document("submission:<id>", "submission",
"other", text)`` directly, which is what ``submission_document`` would give a submission whose
title held the whole proposal.

Similar ideas: within a call, each proposal is a query over the other proposals of its call
(itself excluded), searched as the similar-ideas panel searches (``Index.search`` with the
default scorer and no language given; the panel asks for 15 hits and shows the first 5 that
can say why, a word or a tag in common, above its floor). A hit is relevant when it has the same
idea. Near-duplicates (25 proposals that repost another one with small changes) are
trivially similar to their original, so the headline figures drop them from the corpus
altogether (neither query nor document, as the corpus README advises); the figures with them
are reported beside. Dropping them whole rather than only taking the partner out of the
relevant set keeps the pool of documents the same for every query.

Convergences: within a call, ``clusters.convergences`` over the index of that call's
proposals, compared with the ideas by the adjusted Rand index, and the share of proposals left
alone in a group of one. Averages over calls are weighted by the number of proposals.

The index here holds one call's proposals; production's holds every organisation, person,
coalition and submission, so its word idf (used by the convergences' vectors and by BM25)
comes from a bigger, more varied population: figures are indicative of production, not equal.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from math import comb
from pathlib import Path
from typing import Any

from alliage.matching.clusters import MEANING_MIX, grouping
from alliage.matching.engine import Document, Hit, Index

from .quality import ndcg_at_k, precision_at_k

CORPUS = Path(__file__).with_name("consultation") / "proposals.json"
# The similar-ideas panel (matching.selectors.similar_coalitions): 5 slots filled from 15 hits.
PANEL_SLOTS = 5
PANEL_POOL = 3 * PANEL_SLOTS
BAND = 0.1
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35)


@dataclass(frozen=True)
class Proposal:
    id: int
    idea: str
    call: str
    lang: str
    text: str
    near_duplicate_of: int | None = None

    @property
    def key(self) -> str:
        return f"submission:{self.id}"

    def document(self) -> Document:
        return Document(key=self.key, kind="submission", group="other", text=self.text)


def load_proposals(path: str | Path = CORPUS, *, near_duplicates: bool = True) -> list[Proposal]:
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    proposals = [
        Proposal(
            id=p["id"],
            idea=p["idea"],
            call=p["call"],
            lang=p["lang"],
            text=p["text"],
            near_duplicate_of=p.get("near_duplicate_of"),
        )
        for p in data["proposals"]
    ]
    if not near_duplicates:
        proposals = [p for p in proposals if p.near_duplicate_of is None]
    return proposals


def by_call(proposals: Iterable[Proposal]) -> dict[str, list[Proposal]]:
    calls: dict[str, list[Proposal]] = defaultdict(list)
    for p in proposals:
        calls[p.call].append(p)
    return dict(calls)


# Ranking


@dataclass
class Ranking:
    """Means over queries, and the panel's hits counted per score band."""

    queries: int = 0
    precision_at_1: float = 0.0
    precision_at_5: float = 0.0
    ndcg_at_10: float = 0.0
    # the panel's hits: (score, of the same idea)
    panel: list[tuple[float, bool]] = field(default_factory=list)

    @property
    def bands(self) -> dict[int, list[int]]:
        """Band index (score // BAND) -> [hits of the same idea, hits]."""
        bands: dict[int, list[int]] = {}
        for score, same in self.panel:
            counts = bands.setdefault(int(score / BAND + 1e-9), [0, 0])
            counts[0] += same
            counts[1] += 1
        return bands

    def band_precision(self) -> list[tuple[float, float | None, float, int]]:
        """(low, high or None for the last, share of the same idea, hits) per band."""
        bands = self.bands
        top = max(bands, default=0)
        rows = []
        for b in range(top + 1):
            same, total = bands.get(b, [0, 0])
            high = None if b == top else round((b + 1) * BAND, 2)
            rows.append((round(b * BAND, 2), high, same / total if total else 0.0, total))
        return rows

    def precision_above(self, floor: float) -> tuple[float, int]:
        """Share of the same idea among the panel's hits scoring at least ``floor``, and how
        many (what a floor there would leave shown)."""
        shown = [same for score, same in self.panel if score >= floor]
        same, total = sum(shown), len(shown)
        return (same / total if total else 0.0, total)


def rank(proposals: Sequence[Proposal], *, index_of: Callable[..., Index] = Index.build) -> Ranking:
    """Each proposal searched over the other proposals of its call (see the module docstring).

    P@1, P@5 and nDCG@10 are over the plain top 10 (no floor, no explanation required); the
    bands count the panel's hits: the first 5 of the top 15 that share a word or a tag."""
    result = Ranking()
    sums = [0.0, 0.0, 0.0]
    top = max(10, PANEL_POOL)
    for members in by_call(proposals).values():
        index = index_of([p.document() for p in members])
        ideas = {p.key: p.idea for p in members}
        for p in members:
            relevant = {k for k, idea in ideas.items() if idea == p.idea and k != p.key}
            hits = index.search(p.text, kinds={"submission"}, exclude=[p.key], k=top)
            ranked = [h.key for h in hits]
            sums[0] += precision_at_k(ranked, relevant, 1)
            sums[1] += precision_at_k(ranked, relevant, 5)
            sums[2] += ndcg_at_k(ranked, relevant, 10)
            result.panel.extend((h.score, h.key in relevant) for h in _panel(hits))
            result.queries += 1
    if result.queries:
        result.precision_at_1, result.precision_at_5, result.ndcg_at_10 = (
            s / result.queries for s in sums
        )
    return result


def _panel(hits: Sequence[Hit]) -> list[Hit]:
    """What the similar-ideas panel would show without its floor: the hits that can say why
    (a word or a tag in common, or close in meaning)."""
    explained = [h for h in hits[:PANEL_POOL] if h.shared_terms or h.shared_tags or h.by_meaning]
    return explained[:PANEL_SLOTS]


# Convergences


def adjusted_rand_index(truth: Sequence[Hashable], found: Sequence[Hashable]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items, from their
    contingency table: 1 for identical partitions (up to the names), about 0 for a random one,
    negative when worse than chance. Two trivial partitions that agree give 1."""
    if len(truth) != len(found):
        raise ValueError("the two labellings must label the same items")
    n = len(truth)
    pairs = comb(n, 2)
    cells = Counter(zip(truth, found, strict=True))
    index = sum(comb(c, 2) for c in cells.values())
    rows = sum(comb(c, 2) for c in Counter(truth).values())
    cols = sum(comb(c, 2) for c in Counter(found).values())
    expected = rows * cols / pairs if pairs else 0.0
    maximum = (rows + cols) / 2
    if maximum == expected:  # both all singletons or both one block: they agree
        return 1.0
    return (index - expected) / (maximum - expected)


SUGGESTED = None  # in ``cluster``'s thresholds: the threshold suggested for each call


@dataclass(frozen=True)
class Clustering:
    threshold: float | None  # None: each call at its suggested threshold
    proposals: int
    ari: float  # mean over calls weighted by proposals
    alone: float  # share of proposals in a group of one
    groups: float  # mean number of groups of two or more per call
    per_call: tuple[tuple[str, int, float, float, float], ...]  # call, n, ari, alone, threshold


def cluster(
    proposals: Sequence[Proposal],
    thresholds: Iterable[float | None] = (SUGGESTED, *THRESHOLDS),
    *,
    index_of: Callable[..., Index] = Index.build,
    mix: float = MEANING_MIX,
) -> list[Clustering]:
    """The convergences of each call at each threshold (``SUGGESTED``: the call's own), as the
    page computes them (with the semantic vectors when the index has some, weighing ``mix``),
    against the hand-made ideas."""
    calls = by_call(proposals)
    indexes = {call: index_of([p.document() for p in members]) for call, members in calls.items()}
    results = []
    for threshold in thresholds:
        per_call = []
        groups = 0
        for call, members in calls.items():
            keys = [p.key for p in members]
            index = indexes[call]
            meaning = index.vectors_for(keys)
            found = grouping(index, keys, threshold=threshold, meaning=meaning, mix=mix)
            group_of = {key: i for i, c in enumerate(found.convergences) for key in c.keys}
            ari = adjusted_rand_index([p.idea for p in members], [group_of[k] for k in keys])
            alone = len(found.alone) / len(members)
            groups += len(found.groups)
            per_call.append((call, len(members), ari, alone, found.threshold))
        total = sum(n for _, n, *_ in per_call)
        results.append(
            Clustering(
                threshold=threshold,
                proposals=total,
                ari=sum(n * a for _, n, a, *_ in per_call) / total,
                alone=sum(n * s for _, n, _, s, _ in per_call) / total,
                groups=groups / len(per_call),
                per_call=tuple(per_call),
            )
        )
    return results


def cluster_lines(clusterings: Iterable[Clustering], indent: str = "  ") -> list[str]:
    lines = []
    for c in clusterings:
        if c.threshold is SUGGESTED:
            chosen = ", ".join(f"{t:.2f}" for *_, t in c.per_call)
            at = f"the suggested thresholds ({chosen})"
        else:
            at = f"{c.threshold:.2f}"
        lines.append(
            f"{indent}convergences at {at}: ARI {c.ari:.3f}, alone {c.alone:.1%}, "
            f"{c.groups:.1f} groups of 2+ per call"
        )
    return lines


def report(*, near_duplicates: bool | None = None) -> list[str]:
    """The figures as lines of text (bench/matching.py prints them): both variants unless
    one is asked for."""
    variants = [False, True] if near_duplicates is None else [near_duplicates]
    lines = []
    for dup in variants:
        proposals = load_proposals(near_duplicates=dup)
        what = "with near-duplicates" if dup else "without near-duplicates"
        r = rank(proposals)
        lines.append(
            f"consultation set, {what} ({r.queries} proposals, {len(by_call(proposals))} calls): "
            f"P@1 {r.precision_at_1:.3f}, P@5 {r.precision_at_5:.3f}, "
            f"nDCG@10 {r.ndcg_at_10:.3f}"
        )
        bands = ", ".join(
            f"{low:.1f}-{high:.1f} {share:.2f} ({n})"
            if high is not None
            else f"≥{low:.1f} {share:.2f} ({n})"
            for low, high, share, n in r.band_precision()
        )
        lines.append(f"  panel hits of the same idea by score band: {bands}")
        floors = ", ".join(
            f"≥{f:.2f} {r.precision_above(f)[0]:.2f} ({r.precision_above(f)[1]})"
            for f in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
        )
        lines.append(f"  panel hits of the same idea above a floor: {floors}")
        lines.extend(cluster_lines(cluster(proposals)))
    return lines


# Choosing the threshold per call (for information: the defaults are not changed here)


def silhouette(distance: Any, labels: Sequence[int]) -> float:
    """Mean silhouette of a clustering from a square distance matrix (numpy); a proposal
    alone in its group scores 0, as in scikit-learn."""
    import numpy as np

    labels_ = np.asarray(labels)
    n = len(labels_)
    names, codes = np.unique(labels_, return_inverse=True)
    if not 1 < len(names) < n:
        return 0.0
    onehot = np.zeros((n, len(names)))
    onehot[np.arange(n), codes] = 1
    sizes = onehot.sum(axis=0)
    sums = distance @ onehot  # sum of distances from each row to each cluster
    own = sizes[codes]
    a = np.where(own > 1, sums[np.arange(n), codes] / np.maximum(own - 1, 1), 0.0)
    others = sums / sizes
    others[np.arange(n), codes] = np.inf
    b = others.min(axis=1)
    s = np.where(own > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-12), 0.0)
    return float(s.mean())


@dataclass(frozen=True)
class Scan:
    """One call's convergences at every threshold of a grid."""

    call: str
    proposals: int
    thresholds: tuple[float, ...]
    ari: tuple[float, ...]
    grouped: tuple[float, ...]  # share of proposals in a group of two or more
    silhouette: tuple[float, ...]
    groups: tuple[int, ...]  # groups of two or more


def scan(
    proposals: Sequence[Proposal],
    thresholds: Sequence[float],
    *,
    index_of: Callable[..., Index] = Index.build,
) -> list[Scan]:
    """Per call, what ``grouping`` would find at each threshold with the text alone (the
    same similarity and average-linkage tree, cut once per threshold)."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    from alliage.matching.clusters import similarity

    scans = []
    for call, members in by_call(proposals).items():
        index = index_of([p.document() for p in members])
        similar, _vectors = similarity(index, [p.key for p in members])
        distance = 1 - similar
        np.fill_diagonal(distance, 0)
        tree = linkage(squareform(distance, checks=False), method="average")
        ideas = [p.idea for p in members]
        aris, grouped, silhouettes, groups = [], [], [], []
        for t in thresholds:
            labels = fcluster(tree, t=1 - t, criterion="distance").tolist()
            sizes = Counter(labels)
            aris.append(adjusted_rand_index(ideas, labels))
            grouped.append(sum(sizes[x] > 1 for x in labels) / len(labels))
            silhouettes.append(silhouette(distance, labels))
            groups.append(sum(n > 1 for n in sizes.values()))
        scans.append(
            Scan(
                call,
                len(members),
                tuple(thresholds),
                tuple(aris),
                tuple(grouped),
                tuple(silhouettes),
                tuple(groups),
            )
        )
    return scans

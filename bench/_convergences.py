"""The convergences' part of ``bench/matching.py``: the adjusted Rand index of each call's
groups against the hand-made ideas of the consultation set, for the text alone, the meaning
alone and their mix (the page's), at each call's suggested threshold and at fixed ones; and the
time to group 2,000 proposals with their semantic vectors, as the page does."""

from __future__ import annotations

import random
import time
from typing import Any

import numpy as np

from alliage.matching import clusters
from alliage.matching.engine import Document, Index

FIXED = (0.04, 0.06, 0.1, 0.2, 0.35)
# The labelled sets live with the tests, which need Django set up first (bench/matching.py does
# it before calling ``report``): imported there.


def report(coder: object | None) -> tuple[list[str], dict[str, float]]:
    """The lines to print, and the ARI at the suggested thresholds per similarity."""
    from tests.matching import consultation_quality as consultation
    from tests.matching.quality import Cached

    cached = Cached(coder) if coder is not None else None
    variants: list[tuple[str, object, float]] = [("text", Index.build, 0.0)]
    if cached is not None:
        with_vectors = lambda docs: Index.build(docs, encoder=cached)  # noqa: E731
        variants.append(("semantic", with_vectors, 1.0))
        variants.append(("fusion", with_vectors, clusters.MEANING_MIX))
    lines = [
        "convergences on the consultation set (821 proposals, 8 calls, 76 ideas), ARI against the "
        "hand-made ideas:",
        "similarity | suggested per call (thresholds)                    | "
        + " | ".join(f"at {t:.2f}" for t in FIXED),
    ]
    plain = consultation.load_proposals(near_duplicates=False)
    figures = {}
    for name, index_of, mix in variants:
        found = consultation.cluster(
            plain, [consultation.SUGGESTED, *FIXED], index_of=index_of, mix=mix
        )
        suggested, fixed = found[0], found[1:]
        figures[name] = suggested.ari
        chosen = ", ".join(f"{t:.2f}" for *_, t in suggested.per_call)
        lines.append(
            f"{name:10} | {suggested.ari:.3f}, alone {suggested.alone:4.1%} ({chosen}) | "
            + " | ".join(f"{c.ari:.3f}  " for c in fixed)
        )
    lines.append(timing(cached))
    return lines, figures


def timing(cached: Any, proposals: int = 2000) -> str:
    """Group ``proposals`` made of two consultation proposals each (their vectors averaged:
    the cost does not depend on what the vectors hold), at the suggested threshold, as the
    page does once the vectors are in the index. ``cached``: an encoder, or None."""
    from tests.matching import consultation_quality as consultation

    rnd = random.Random(18)
    pool = [p.text for p in consultation.load_proposals()]
    pairs = [rnd.sample(range(len(pool)), 2) for _ in range(proposals)]
    keys = [f"submission:{i}" for i in range(proposals)]
    documents = [
        Document(key, "submission", "other", f"{pool[a]} {pool[b]}")
        for key, (a, b) in zip(keys, pairs, strict=True)
    ]
    index = Index.build(documents)
    meaning = None
    if cached is not None:
        vectors = cached.passages(pool)
        meaning = np.stack([vectors[a] + vectors[b] for a, b in pairs])
        meaning /= np.linalg.norm(meaning, axis=1, keepdims=True)
    start = time.perf_counter()
    found = clusters.grouping(index, keys, meaning=meaning)
    seconds = time.perf_counter() - start
    sizes = [len(c.keys) for c in found.groups]
    what = " with their vectors" if meaning is not None else ""
    return (
        f"convergences over {proposals:,} proposals{what}: {seconds:.2f} s at the suggested "
        f"threshold {found.suggested:.2f} ({len(sizes)} groups of 2+, mean size "
        f"{np.mean(sizes):.1f}, {len(found.alone)} alone)"
    )

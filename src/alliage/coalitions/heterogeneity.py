"""The heterogeneity index: how evenly a coalition's actors spread over the organisation kinds."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from alliage.actors.models import OrganisationKind
from alliage.core.numbers import whole_percents

KIND_COUNT = len(OrganisationKind.choices)


def heterogeneity_index(kind_counts: Mapping[str, int]) -> float:
    """Normalised Shannon entropy of the kinds: 0 for a single kind, 1 for an even spread
    over all eight. Dividing by ln 8 (not ln of the kinds present) rewards a coalition for
    every kind it adds, which is the point of the programme."""
    total = sum(n for n in kind_counts.values() if n > 0)
    if total == 0:
        return 0.0
    entropy = -sum((n / total) * math.log(n / total) for n in kind_counts.values() if n > 0)
    return min(1.0, max(0.0, entropy / math.log(KIND_COUNT)))


@dataclass(frozen=True)
class KindShare:
    kind: str
    label: str
    count: int
    share: float
    percent: int  # whole percentages of a breakdown add up to 100


@dataclass(frozen=True)
class Heterogeneity:
    index: float
    actors: int
    breakdown: tuple[KindShare, ...]

    @property
    def kinds_present(self) -> int:
        return len(self.breakdown)


def heterogeneity_of(actors: Iterable[tuple[int | None, str | None]]) -> Heterogeneity:
    """Each actor counts once: an organisation however many people it sends, a person in
    their own name (no organisation) under "other". ``actors`` yields (organisation id, kind)."""
    seen: set[int] = set()
    counts: Counter[str] = Counter()
    for organisation_id, kind in actors:
        if organisation_id is None:
            counts[OrganisationKind.OTHER] += 1
        elif organisation_id not in seen:
            seen.add(organisation_id)
            counts[kind or OrganisationKind.OTHER] += 1
    total = sum(counts.values())
    labels = dict(OrganisationKind.choices)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    percents = whole_percents([n for _kind, n in ranked])
    breakdown = tuple(
        KindShare(kind=kind, label=str(labels[kind]), count=n, share=n / total, percent=p)
        for (kind, n), p in zip(ranked, percents, strict=True)
    )
    return Heterogeneity(index=heterogeneity_index(counts), actors=total, breakdown=breakdown)

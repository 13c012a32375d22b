"""Measuring the matching: ranking metrics, the demo corpus and the labelled query set.

The labelled set (tests/matching/labelled_queries.json) lists queries as people type them —
short, with typos, inflections and paraphrases, mostly French — each with the demo documents a
human judges relevant, and optionally the kinds searched. Every choice of the engine (scorer
weights, n-gram sizes, tag weight) is kept only if it holds or improves these figures.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine import Document, Index

KINDS = {"org": "organisation", "person": "person", "coalition": "coalition"}


def precision_at_k(ranked: Sequence[str], relevant: Collection[str], k: int = 5) -> float:
    """Share of the first k results that are relevant (missing results count as wrong)."""
    return sum(1 for key in ranked[:k] if key in relevant) / k


def ndcg_at_k(ranked: Sequence[str], relevant: Collection[str], k: int = 10) -> float:
    """Normalised discounted cumulative gain with binary gains: 1 when every relevant document
    (up to k) comes first, 0 when none is in the first k."""
    dcg = sum(1 / math.log2(i + 2) for i, key in enumerate(ranked[:k]) if key in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def _join(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)


def demo_documents() -> list[Document]:
    """Documents for every organisation, person and coalition of ``alliage.demo.data``.

    Organisations: name, city, description, intentions, capabilities; group = their kind.
    People: name, bio, intentions, capabilities; group = the kind of their first organisation,
    "other" without one (as the heterogeneity index counts them). Coalitions: title, summary,
    impact, what they seek, levers and diagnostic (not the private members' notes); no group.
    """
    from alliage.demo import data

    kinds = {o["slug"]: o["kind"] for o in data.ORGANISATIONS}
    documents = [
        Document(
            key=f"org:{o['slug']}",
            kind="organisation",
            group=o["kind"],
            text=_join(
                o["name"], o.get("city"), o["description"], o["intentions"], o["capabilities"]
            ),
            tags=tuple(o.get("tags", ())),
            lang="fr",
        )
        for o in data.ORGANISATIONS
    ]
    for p in data.PEOPLE:
        affiliations = p.get("affiliations") or []
        documents.append(
            Document(
                key=f"person:{p['email']}",
                kind="person",
                group=kinds[affiliations[0]["organisation"]] if affiliations else "other",
                text=_join(
                    f"{p['first_name']} {p['last_name']}",
                    p.get("bio"),
                    p.get("intentions"),
                    p.get("capabilities"),
                ),
                tags=tuple(p.get("tags", ())),
                lang="fr",
            )
        )
    for c in data.COALITIONS:
        documents.append(
            Document(
                key=f"coalition:{c['slug']}",
                kind="coalition",
                text=_join(
                    c["title"],
                    c.get("summary"),
                    c.get("impact_statement"),
                    c.get("seeking"),
                    c.get("levers"),
                    c.get("diagnostic"),
                ),
                lang="fr",
            )
        )
    return documents


@dataclass(frozen=True)
class LabelledQuery:
    text: str
    relevant: frozenset[str]
    kinds: frozenset[str] | None = None
    lang: str | None = None
    note: str = ""


def load_labelled(path: str | Path) -> list[LabelledQuery]:
    """Read the labelled set: a JSON list of {query, relevant, kinds?, lang?, note?}."""
    raw: list[dict[str, Any]] = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        LabelledQuery(
            text=item["query"],
            relevant=frozenset(item["relevant"]),
            kinds=frozenset(item["kinds"]) if item.get("kinds") else None,
            lang=item.get("lang"),
            note=item.get("note", ""),
        )
        for item in raw
    ]


@dataclass(frozen=True)
class Evaluation:
    precision_at_5: float
    ndcg_at_10: float
    per_query: tuple[tuple[str, float, float], ...]


Searcher = Callable[[LabelledQuery], Sequence[str]]


def evaluate(index: Index, queries: Iterable[LabelledQuery]) -> Evaluation:
    """Mean precision@5 and nDCG@10 of the index's top 10 over the labelled queries."""

    def search(q: LabelledQuery) -> list[str]:
        return [h.key for h in index.search(q.text, lang=q.lang, kinds=q.kinds, k=10)]

    return evaluate_with(search, queries)


def evaluate_with(search: Searcher, queries: Iterable[LabelledQuery]) -> Evaluation:
    """The same figures for any search function (to compare rankers on one set)."""
    rows = []
    for query in queries:
        ranked = list(search(query))
        rows.append(
            (
                query.text,
                precision_at_k(ranked, query.relevant, 5),
                ndcg_at_k(ranked, query.relevant, 10),
            )
        )
    if not rows:
        return Evaluation(0.0, 0.0, ())
    return Evaluation(
        precision_at_5=sum(r[1] for r in rows) / len(rows),
        ndcg_at_10=sum(r[2] for r in rows) / len(rows),
        per_query=tuple(rows),
    )

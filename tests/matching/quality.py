"""Measuring the matching: ranking metrics, the labelled query set, and the demo corpus as the
index holds it.

The labelled set (``labelled_queries.json``) lists queries as people type them — short, with
typos, inflections and paraphrases, mostly French — each with the demo documents a human judges
relevant, and optionally the kinds searched. Every choice of the engine (scorer weights, n-gram
sizes, tag weight) is kept only if it holds or improves these figures.

The corpus is what production indexes, built the way production builds it: a database seeded by
the demo loader (``alliage.demo.services.demo_load``), each row turned into a document by
``alliage.matching.documents``' ``*_document`` functions, under production's keys
(``org:<pk>``). The labelled set names documents by what stays the same from one database to
the next (``org:<slug>``, ``person:<e-mail>``, ``coalition:<slug>``); ``DemoCorpus`` translates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from django.db import transaction

from alliage.actors.models import Organisation, Person
from alliage.coalitions.models import Coalition
from alliage.matching import documents
from alliage.matching.engine import Document, Index
from alliage.matching.semantic import Encoder

LABELLED = Path(__file__).with_name("labelled_queries.json")
# The demo's texts move with the year it is loaded in: one fixed year keeps the figures fixed.
DEMO_TODAY = dt.date(2026, 11, 29)


def precision_at_k(ranked: Sequence[str], relevant: Collection[str], k: int = 5) -> float:
    """Share of the first k results that are relevant (missing results count as wrong)."""
    return sum(1 for key in ranked[:k] if key in relevant) / k


def ndcg_at_k(ranked: Sequence[str], relevant: Collection[str], k: int = 10) -> float:
    """Normalised discounted cumulative gain with binary gains: 1 when every relevant document
    (up to k) comes first, 0 when none is in the first k."""
    dcg = sum(1 / math.log2(i + 2) for i, key in enumerate(ranked[:k]) if key in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


@dataclass(frozen=True)
class LabelledQuery:
    text: str
    relevant: frozenset[str]
    kinds: frozenset[str] | None = None
    lang: str | None = None
    note: str = ""


def load_labelled(path: str | Path = LABELLED) -> list[LabelledQuery]:
    """Read the labelled set: a JSON list of {query, relevant, kinds?, lang?, note?}; the
    relevant documents by name (``org:<slug>``…)."""
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
class DemoCorpus:
    """The demo's documents under production's keys, and the names the labelled set uses.

    ``documents``: every organisation, person and coalition of the demo, the population the
    labelled set was judged on. ``indexed``: what production's index holds of the same
    database (``documents.all_documents()``: listed organisations, people who consent to be
    suggested, published open coalitions, submitted proposals)."""

    documents: tuple[Document, ...]
    indexed: tuple[Document, ...]
    keys: Mapping[str, str]  # name → key

    def key(self, name: str) -> str:
        return self.keys[name]

    def name(self, key: str) -> str:
        return {k: n for n, k in self.keys.items()}[key]

    def document(self, name: str) -> Document:
        key = self.key(name)
        return next(d for d in self.documents if d.key == key)

    def labelled(self, queries: Iterable[LabelledQuery]) -> list[LabelledQuery]:
        """The queries with their relevant documents under this corpus's keys."""
        return [
            dataclasses.replace(q, relevant=frozenset(self.key(n) for n in q.relevant))
            for q in queries
        ]


def demo_corpus_read() -> DemoCorpus:
    """The corpus of the demo the database holds (the caller seeded it)."""
    keys = {f"org:{o.slug}": documents.key_of(o) for o in Organisation.objects.all()}
    keys |= {
        f"person:{p.user.email}": documents.key_of(p) for p in Person.objects.select_related("user")
    }
    keys |= {f"coalition:{c.slug}": documents.key_of(c) for c in Coalition.objects.all()}
    every = (
        *map(documents.organisation_document, documents.organisations(Organisation.objects.all())),
        *map(documents.person_document, documents.people(Person.objects.all())),
        *map(documents.coalition_document, documents.coalitions(Coalition.objects.all())),
    )
    return DemoCorpus(
        documents=tuple(sorted(every, key=lambda d: d.key)),
        indexed=tuple(documents.all_documents()),
        keys=keys,
    )


def demo_corpus() -> DemoCorpus:
    """Seed the demo in a transaction, read its corpus, and roll the demo back: the database
    is left as it was (the caller gives access to an empty one)."""
    from alliage.demo.services import demo_load

    with transaction.atomic():
        demo_load(today=DEMO_TODAY)
        corpus = demo_corpus_read()
        transaction.set_rollback(True)
    return corpus


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


class Cached:
    """The encoder with its document vectors kept by text: the three rankers of one labelled
    set encode each document once."""

    def __init__(self, coder: Encoder) -> None:
        self.coder, self.name, self.dim = coder, coder.name, coder.dim
        self.kept: dict[str, np.ndarray] = {}

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.kept]
        if missing:
            for text, vector in zip(missing, self.coder.passages(missing), strict=True):
                self.kept[text] = vector
        return np.stack([self.kept[t] for t in texts]) if texts else np.zeros((0, self.dim))

    def query(self, text: str) -> np.ndarray:
        return self.coder.query(text)

"""Changes searched on top of a snapshot (``layers.Layered``) rank as the index rebuilt with
them does: the statistics are the snapshot's, the difference a fresh build would make is the
changed documents' share of them, and the next compaction removes it."""

from __future__ import annotations

import dataclasses

import pytest

from alliage.matching.engine import Document, Index
from alliage.matching.layers import Layered

from .quality import DemoCorpus, evaluate, load_labelled
from .test_quality import NDCG_FLOOR, PRECISION_FLOOR

pytestmark = pytest.mark.django_db


def _layered(base_docs, changes) -> Layered:
    base = Index.build(base_docs)
    return Layered(base, changes, exact_loader=lambda: Index.build(base_docs))


def _split(corpus: DemoCorpus, every: int = 8):
    """The demo minus one document in ``every`` (and one in ``every`` rewritten), and the
    changes that bring the whole demo back."""
    docs = list(corpus.documents)
    base, changes = [], {}
    for n, doc in enumerate(docs):
        if n % every == 0:
            changes[doc.key] = doc  # added since the snapshot
        elif n % every == 1:
            base.append(dataclasses.replace(doc, text="Texte d'avant, sans rapport.", tags=()))
            changes[doc.key] = doc  # rewritten since the snapshot
        else:
            base.append(doc)
    return base, changes


def test_quality_with_a_quarter_of_the_demo_on_top_stays_above_the_floors(
    demo_corpus: DemoCorpus,
) -> None:
    base, changes = _split(demo_corpus, every=4)
    layered = _layered(base, changes)
    queries = demo_corpus.labelled(load_labelled())
    fresh = evaluate(Index.build(demo_corpus.documents), queries)
    result = evaluate(layered, queries)  # type: ignore[arg-type]
    assert result.precision_at_5 >= PRECISION_FLOOR
    assert result.ndcg_at_10 >= NDCG_FLOOR
    assert abs(result.precision_at_5 - fresh.precision_at_5) <= 0.02
    assert abs(result.ndcg_at_10 - fresh.ndcg_at_10) <= 0.02


def test_rankings_match_a_fresh_build(demo_corpus: DemoCorpus) -> None:
    base, changes = _split(demo_corpus)
    layered = _layered(base, changes)
    fresh = Index.build(demo_corpus.documents)
    queries = demo_corpus.labelled(load_labelled())
    same = 0
    for q in queries:
        ours = [h.key for h in layered.search(q.text, lang=q.lang, kinds=q.kinds, k=5)]
        theirs = [h.key for h in fresh.search(q.text, lang=q.lang, kinds=q.kinds, k=5)]
        same += set(ours) == set(theirs)
    assert same >= 0.85 * len(queries)


def test_removed_and_rewritten_documents_no_longer_match() -> None:
    docs = [
        Document("org:1", "organisation", "sme", "Réparation des ordinateurs des écoles."),
        Document("org:2", "organisation", "research", "Vélos cargo en ville."),
        Document("org:3", "organisation", "association", "Réemploi des téléphones."),
    ]
    layered = _layered(
        docs,
        {
            "org:1": None,
            "org:2": Document("org:2", "organisation", "research", "Jardins partagés."),
            "org:4": Document("org:4", "organisation", "sme", "Réparer les ordinateurs."),
        },
    )
    keys = [h.key for h in layered.search("réparation des ordinateurs")]
    assert keys[0] == "org:4"
    assert "org:1" not in keys
    assert "org:2" not in [h.key for h in layered.search("vélos cargo")]
    assert layered.search("jardins partagés")[0].key == "org:2"
    assert len(layered) == 3
    assert "org:1" not in layered and "org:4" in layered
    assert layered._exact is None


def test_exact_is_a_fresh_build(demo_corpus: DemoCorpus) -> None:
    base, changes = _split(demo_corpus)
    exact = _layered(base, changes).exact()
    fresh = Index.build(demo_corpus.documents)
    for text in ("réemploi des ordinateurs", "données personnelles", "comande publik"):
        assert [(h.key, pytest.approx(h.score)) for h in exact.search(text)] == [
            (h.key, h.score) for h in fresh.search(text)
        ]


def test_changes_on_top_of_an_empty_snapshot_are_found() -> None:
    layered = Layered(
        Index.build([]),
        {"org:1": Document("org:1", "organisation", "sme", "Réparation des ordinateurs.")},
        exact_loader=lambda: Index.build([]),
    )
    (hit,) = layered.search("réparation des ordinateurs")
    assert hit.key == "org:1"
    assert hit.score > 0.5  # most of the query found, as in an index of that one document

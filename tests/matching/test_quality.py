from __future__ import annotations

import re
from collections import Counter

import pytest

from alliage.matching.engine import BM25Scorer, Index, NgramScorer

from .quality import (
    DemoCorpus,
    LabelledQuery,
    evaluate,
    load_labelled,
    ndcg_at_k,
    precision_at_k,
)

# Measured with the default scorer (0.2 BM25 + 0.8 n-grams, scale-normalised) over the 72
# queries, on the documents production builds (matching.documents, from the demo loaded in a
# database): precision@5 0.608, nDCG@10 0.792. A regression of two queries' worth fails.
PRECISION_FLOOR = 0.59
NDCG_FLOOR = 0.78


def test_precision_at_k() -> None:
    assert precision_at_k(["a", "x", "b", "y", "z"], {"a", "b"}, 5) == pytest.approx(0.4)
    assert precision_at_k(["a"], {"a"}, 5) == pytest.approx(0.2)  # missing results are wrong
    assert precision_at_k([], {"a"}, 5) == 0


def test_ndcg_at_k() -> None:
    assert ndcg_at_k(["a", "b", "x"], {"a", "b"}, 10) == pytest.approx(1.0)
    assert ndcg_at_k(["x", "y"], {"a"}, 10) == 0
    assert ndcg_at_k(["x", "a"], {"a"}, 10) == pytest.approx(1 / 1.584962500721156)
    assert ndcg_at_k(["x", "a", "b"], {"a", "b"}, 10) < ndcg_at_k(["a", "x", "b"], {"a", "b"}, 10)


def test_demo_documents_cover_every_actor_and_coalition(demo_corpus: DemoCorpus) -> None:
    from alliage.demo import data

    documents = demo_corpus.documents
    keys = [d.key for d in documents]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"(org|person|coalition):\d+", key) for key in keys)  # production's
    kinds = Counter(d.kind for d in documents)
    assert kinds["organisation"] == len(data.ORGANISATIONS)
    assert kinds["person"] == len(data.PEOPLE)
    # and the coalitions born from the demo call's selected proposals
    assert kinds["coalition"] >= len(data.COALITIONS)
    assert all(f"coalition:{c['slug']}" in demo_corpus.keys for c in data.COALITIONS)
    assert demo_corpus.document("org:anact").group == "public_body"
    assert demo_corpus.document("person:porteuse@alliage.example.org").group == "local_authority"
    assert demo_corpus.document("person:visiteur@alliage.example.org").group == "other"
    assert demo_corpus.document("coalition:musette-du-jeune-actif").group == ""
    assert "Musette" in demo_corpus.document("coalition:musette-du-jeune-actif").text


def test_the_documents_measured_are_the_documents_indexed(demo_corpus: DemoCorpus) -> None:
    """Same functions, same keys: wherever production indexes a demo row, it indexes exactly
    the document measured here."""
    measured = {d.key: d for d in demo_corpus.documents}
    indexed = [d for d in demo_corpus.indexed if not d.key.startswith("submission:")]
    assert indexed
    assert all(measured[d.key] == d for d in indexed)


def test_the_labelled_set_is_large_mixed_and_names_real_documents(
    demo_corpus: DemoCorpus,
) -> None:
    queries = load_labelled()
    assert len(queries) >= 40
    assert all(q.relevant and q.relevant <= demo_corpus.keys.keys() for q in queries)
    assert sum(q.lang == "en" for q in queries) >= 3
    assert sum(q.kinds == {"coalition"} for q in queries) >= 5
    assert sum(len(q.text) < 60 for q in queries) >= 40  # mostly short, as people type
    assert len({q.text for q in queries}) == len(queries)


@pytest.fixture(scope="module")
def queries(demo_corpus: DemoCorpus) -> list[LabelledQuery]:
    return demo_corpus.labelled(load_labelled())


def test_the_default_index_stays_above_its_measured_floor(
    demo_corpus: DemoCorpus, queries: list[LabelledQuery]
) -> None:
    result = evaluate(Index.build(demo_corpus.documents), queries)
    assert result.precision_at_5 >= PRECISION_FLOOR
    assert result.ndcg_at_10 >= NDCG_FLOOR
    assert len(result.per_query) == len(queries)


def test_the_combination_beats_each_signal_alone(
    demo_corpus: DemoCorpus, queries: list[LabelledQuery]
) -> None:
    documents = demo_corpus.documents
    combined = evaluate(Index.build(documents), queries)
    for scorer in (BM25Scorer(), BM25Scorer(idf="okapi"), NgramScorer()):
        alone = evaluate(Index.build(documents, scorer=scorer), queries)
        assert combined.ndcg_at_10 > alone.ndcg_at_10
        assert combined.precision_at_5 >= alone.precision_at_5

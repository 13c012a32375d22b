from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from alliage.matching.engine import BM25Scorer, Index, NgramScorer
from alliage.matching.quality import (
    LabelledQuery,
    demo_documents,
    evaluate,
    load_labelled,
    ndcg_at_k,
    precision_at_k,
)

LABELLED = Path(__file__).with_name("labelled_queries.json")
# Measured with the default scorer (0.2 BM25 + 0.8 n-grams, scale-normalised) over the 72
# queries: precision@5 0.608, nDCG@10 0.794. A regression of two queries' worth fails.
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


def test_demo_documents_cover_every_actor_and_coalition() -> None:
    from alliage.demo import data

    documents = demo_documents()
    keys = [d.key for d in documents]
    assert len(keys) == len(set(keys))
    kinds = Counter(d.kind for d in documents)
    assert kinds == {
        "organisation": len(data.ORGANISATIONS),
        "person": len(data.PEOPLE),
        "coalition": len(data.COALITIONS),
    }
    by_key = {d.key: d for d in documents}
    assert by_key["org:anact"].group == "public_body"
    assert by_key["person:porteuse@alliage.example.org"].group == "local_authority"
    assert by_key["person:visiteur@alliage.example.org"].group == "other"  # no organisation
    assert by_key["coalition:musette-du-jeune-actif"].group == ""
    assert "Musette" in by_key["coalition:musette-du-jeune-actif"].text


def test_the_labelled_set_is_large_mixed_and_names_real_documents() -> None:
    queries = load_labelled(LABELLED)
    keys = {d.key for d in demo_documents()}
    assert len(queries) >= 40
    assert all(q.relevant and q.relevant <= keys for q in queries)
    assert sum(q.lang == "en" for q in queries) >= 3
    assert sum(q.kinds == {"coalition"} for q in queries) >= 5
    assert sum(len(q.text) < 60 for q in queries) >= 40  # mostly short, as people type
    assert len({q.text for q in queries}) == len(queries)


@pytest.fixture(scope="module")
def queries() -> list[LabelledQuery]:
    return load_labelled(LABELLED)


def test_the_default_index_stays_above_its_measured_floor(queries: list[LabelledQuery]) -> None:
    result = evaluate(Index.build(demo_documents()), queries)
    assert result.precision_at_5 >= PRECISION_FLOOR
    assert result.ndcg_at_10 >= NDCG_FLOOR
    assert len(result.per_query) == len(queries)


def test_the_combination_beats_each_signal_alone(queries: list[LabelledQuery]) -> None:
    documents = demo_documents()
    combined = evaluate(Index.build(documents), queries)
    for scorer in (BM25Scorer(), BM25Scorer(idf="okapi"), NgramScorer()):
        alone = evaluate(Index.build(documents, scorer=scorer), queries)
        assert combined.ndcg_at_10 > alone.ndcg_at_10
        assert combined.precision_at_5 >= alone.precision_at_5

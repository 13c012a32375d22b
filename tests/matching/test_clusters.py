from __future__ import annotations

import random
import time

import numpy as np
import pytest

from alliage.matching.clusters import convergences
from alliage.matching.engine import Document, Index

from .quality import DemoCorpus

SUBMISSIONS = {
    "submission:1": "Il faut allonger les délais de prescription",
    "submission:2": "allonger le délai de prescripton pour les viols",
    "submission:3": "supprimer la prescription pour les viols",
    "submission:4": "des pistes cyclables entre les villages",
}


@pytest.fixture(scope="module")
def index(demo_corpus: DemoCorpus) -> Index:
    submissions = [Document(k, "submission", "", text) for k, text in SUBMISSIONS.items()]
    return Index.build([*demo_corpus.documents, *submissions])


def test_near_duplicates_converge_and_an_unrelated_idea_does_not(index: Index) -> None:
    clusters = convergences(index, list(SUBMISSIONS))
    assert clusters[0].keys == ("submission:1", "submission:2", "submission:3")
    assert clusters[1].keys == ("submission:4",)
    assert "prescription" in clusters[0].label
    assert 0 < clusters[0].cohesion < 1


def test_the_threshold_moves_the_cut(index: Index) -> None:
    tight = convergences(index, list(SUBMISSIONS), threshold=0.95)
    assert all(len(c.keys) == 1 for c in tight)
    loose = convergences(index, list(SUBMISSIONS), threshold=0.0)
    assert len(loose) == 1
    assert convergences(index, list(SUBMISSIONS), singletons=False)[-1].keys != ("submission:4",)
    with pytest.raises(ValueError, match="threshold"):
        convergences(index, list(SUBMISSIONS), threshold=1.5)


def test_a_matrix_can_be_clustered_without_an_index() -> None:
    matrix = np.array([[1.0, 0.0, 0.1], [0.9, 0.1, 0.0], [0.0, 0.0, 1.0]])
    clusters = convergences(matrix, ["a", "b", "c"], threshold=0.8, terms=["x", "y", "z"])
    assert [c.keys for c in clusters] == [("a", "b"), ("c",)]
    assert clusters[0].label[0] == "x"
    assert convergences(matrix, [], threshold=0.5) == []


def test_two_thousand_submissions_cluster_in_well_under_ten_seconds(
    demo_corpus: DemoCorpus,
) -> None:
    rnd = random.Random(3)
    sentences = [d.text.split(".")[0] for d in demo_corpus.documents]
    submissions = [
        Document(f"submission:{i}", "submission", "", " ".join(rnd.sample(sentences, 2)))
        for i in range(2000)
    ]
    index = Index.build([*demo_corpus.documents, *submissions])
    start = time.perf_counter()
    clusters = convergences(index, [d.key for d in submissions], threshold=0.5)
    assert time.perf_counter() - start < 5
    assert sum(len(c.keys) for c in clusters) == 2000

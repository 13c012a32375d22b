from __future__ import annotations

import random
import time

import numpy as np
import pytest

from alliage.matching.clusters import GRID, MEAN_GROUP, Convergence, grouping
from alliage.matching.engine import Document, Index

from .quality import DemoCorpus

SUBMISSIONS = {
    "submission:1": "Il faut allonger les délais de prescription",
    "submission:2": "allonger le délai de prescripton pour les viols",
    "submission:3": "supprimer la prescription pour les viols",
    "submission:4": "des pistes cyclables entre les villages",
}


def convergences(*args: object, **kwargs: object) -> list[Convergence]:
    return list(grouping(*args, **kwargs).convergences)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def index(demo_corpus: DemoCorpus) -> Index:
    submissions = [Document(k, "submission", "", text) for k, text in SUBMISSIONS.items()]
    return Index.build([*demo_corpus.documents, *submissions])


def test_near_duplicates_converge_and_an_unrelated_idea_does_not(index: Index) -> None:
    clusters = convergences(index, list(SUBMISSIONS), threshold=0.3)
    assert clusters[0].keys == ("submission:1", "submission:2", "submission:3")
    assert clusters[1].keys == ("submission:4",)
    assert "prescription" in clusters[0].label
    assert 0 < clusters[0].cohesion < 1


def test_the_threshold_moves_the_cut(index: Index) -> None:
    tight = convergences(index, list(SUBMISSIONS), threshold=0.95)
    assert all(len(c.keys) == 1 for c in tight)
    loose = convergences(index, list(SUBMISSIONS), threshold=0.0)
    assert len(loose) == 1
    kept = convergences(index, list(SUBMISSIONS), threshold=0.3, singletons=False)
    assert kept[-1].keys != ("submission:4",)
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


def _ideas(rnd: np.random.Generator, ideas: int, each: int, noise: float) -> np.ndarray:
    """Points around ``ideas`` random directions, ``each`` per idea, in idea order."""
    centres = rnd.normal(size=(ideas, 40))
    return np.repeat(centres, each, axis=0) + noise * rnd.normal(size=(ideas * each, 40))


def test_the_suggested_threshold_is_the_tightest_with_groups_of_six_on_average() -> None:
    rnd = np.random.default_rng(4)
    points = np.abs(_ideas(rnd, 10, 8, 0.6))  # non-negative: cosines in 0..1
    keys = [f"s{i}" for i in range(len(points))]
    found = grouping(points, keys)
    assert found.threshold == found.suggested and found.target == MEAN_GROUP
    sizes = [len(c.keys) for c in found.groups]
    assert sum(sizes) / len(sizes) >= MEAN_GROUP
    tighter = grouping(points, keys, threshold=round(found.suggested + 0.01, 2)).groups
    assert not tighter or sum(len(c.keys) for c in tighter) / len(tighter) < MEAN_GROUP
    ideas = [i // 8 for i in range(len(points))]
    group_of = {k: g for g, c in enumerate(found.convergences) for k in c.keys}
    from .consultation_quality import adjusted_rand_index

    assert adjusted_rand_index(ideas, [group_of[k] for k in keys]) > 0.5
    # the slider's range: one group at its lowest, every proposal alone above its highest
    assert found.lowest <= found.suggested <= found.highest
    assert len(grouping(points, keys, threshold=found.lowest).convergences) == 1
    if found.highest < GRID[-1]:
        above = grouping(points, keys, threshold=round(found.highest + 0.01, 2))
        assert not above.groups


def test_a_small_call_is_cut_where_the_similarity_drops_most(index: Index) -> None:
    found = grouping(index, list(SUBMISSIONS))
    assert found.target is None
    assert [c.keys for c in found.groups] == [("submission:1", "submission:2", "submission:3")]
    assert [c.keys for c in found.alone] == [("submission:4",)]
    assert grouping(index, []).convergences == ()
    (one,) = grouping(index, ["submission:4"]).convergences
    assert one.keys == ("submission:4",)


def test_meaning_groups_proposals_that_share_no_word() -> None:
    words = np.eye(6)  # no two proposals share a term
    meaning = np.abs(_ideas(np.random.default_rng(5), 2, 3, 0.05))
    meaning /= np.linalg.norm(meaning, axis=1, keepdims=True)
    keys = list("abcdef")
    assert not grouping(words, keys, threshold=0.2).groups
    found = grouping(words, keys, threshold=0.2, meaning=meaning)
    assert found.by_meaning
    assert sorted(c.keys for c in found.groups) == [("a", "b", "c"), ("d", "e", "f")]
    with pytest.raises(ValueError, match="one semantic vector per key"):
        grouping(words, keys, meaning=meaning[:4])


def test_groups_are_ranked_by_size_times_cohesion() -> None:
    tight = np.array([[1.0, 0.02, 0.0], [1.0, 0.0, 0.02], [1.0, 0.01, 0.01]])
    loose = np.array([[1.0, 0.0], [0.6, 0.8], [0.8, 0.6], [0.3, 0.95]])  # mean cosine 0.74
    matrix = np.vstack([np.hstack([loose, np.zeros((4, 3))]), np.hstack([np.zeros((3, 2)), tight])])
    keys = [f"l{i}" for i in range(4)] + [f"t{i}" for i in range(3)]
    found = grouping(matrix, keys, threshold=0.3)
    first, second = found.groups
    assert len(first.keys) == 3 and len(second.keys) == 4  # smaller but much closer first
    assert 3 * first.cohesion > 4 * second.cohesion


def test_a_small_call_of_unrelated_proposals_leaves_them_alone() -> None:
    words = np.eye(5) + 0.01  # every pair about 0.05 similar: below the break's floor
    found = grouping(words, list("abcde"))
    assert not found.groups
    assert len(found.alone) == 5

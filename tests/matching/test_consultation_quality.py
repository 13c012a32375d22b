"""Non-regression of the text scorer on the consultation set (``consultation_quality``): the
figures measured on 4 December 2026, minus a margin, and the adjusted Rand index itself."""

from __future__ import annotations

import pytest

from .consultation_quality import (
    SUGGESTED,
    THRESHOLDS,
    Ranking,
    adjusted_rand_index,
    cluster,
    load_proposals,
    rank,
    silhouette,
)

# Measured with the default scorer, without near-duplicates (821 proposals, 8 calls):
# P@1 0.574, P@5 0.429, nDCG@10 0.434; convergences at 0.35 (the page's former default) ARI
# 0.019 with 86.1 % of proposals alone, at 0.15 ARI 0.130 with 22.0 % alone, at each call's
# suggested threshold (0.03 to 0.05) ARI 0.253 with 1.7 % alone. Floors: measured minus 0.02.
P1_FLOOR = 0.55
P5_FLOOR = 0.41
NDCG_FLOOR = 0.41
ARI_FLOOR_AT_015 = 0.11
ARI_FLOOR_SUGGESTED = 0.23


@pytest.fixture(scope="module")
def proposals():
    return load_proposals(near_duplicates=False)


@pytest.fixture(scope="module")
def ranking(proposals) -> Ranking:
    return rank(proposals)


def test_the_ari_of_identical_partitions_is_one_whatever_their_names() -> None:
    assert adjusted_rand_index(list("aabbc"), list("aabbc")) == pytest.approx(1.0)
    assert adjusted_rand_index(list("aabbc"), [7, 7, 3, 3, 0]) == pytest.approx(1.0)
    assert adjusted_rand_index(list("aaaa"), [1, 1, 1, 1]) == pytest.approx(1.0)
    assert adjusted_rand_index(list("abcd"), [1, 2, 3, 4]) == pytest.approx(1.0)


def test_the_ari_of_a_hand_checked_case() -> None:
    # truth {1,2,3} {4,5,6}, found {1,2} {3,4} {5,6}: contingency [[2,1,0],[0,1,2]].
    # index = C(2,2)+C(2,2) = 2; rows = 3+3 = 6; columns = 1+1+1 = 3; pairs C(6,2) = 15;
    # expected = 6·3/15 = 1.2; maximum = (6+3)/2 = 4.5; ARI = (2-1.2)/(4.5-1.2) = 0.2424…
    truth = ["x", "x", "x", "y", "y", "y"]
    found = [1, 1, 2, 2, 3, 3]
    assert adjusted_rand_index(truth, found) == pytest.approx(0.8 / 3.3)
    assert adjusted_rand_index(found, truth) == pytest.approx(0.8 / 3.3)  # symmetric
    # everything in one group against two real groups: no better than chance
    assert adjusted_rand_index(truth, [0] * 6) == pytest.approx(0.0)
    # worse than chance: each found group splits both ideas
    assert adjusted_rand_index(["a", "a", "b", "b"], [1, 2, 1, 2]) < 0
    with pytest.raises(ValueError):
        adjusted_rand_index(["a"], [1, 2])


def test_the_corpus_loads_with_and_without_near_duplicates(proposals) -> None:
    every = load_proposals()
    assert len(every) == 846
    assert len(proposals) == 821
    assert all(p.near_duplicate_of is None for p in proposals)
    assert len({p.call for p in proposals}) == 8


def test_the_text_scorer_stays_above_its_floors(ranking: Ranking) -> None:
    assert ranking.queries == 821
    assert ranking.precision_at_1 >= P1_FLOOR
    assert ranking.precision_at_5 >= P5_FLOOR
    assert ranking.ndcg_at_10 >= NDCG_FLOOR


def test_precision_rises_with_the_score(ranking: Ranking) -> None:
    """The engine's score means something: a panel hit scoring 0.3 or more is of the same
    idea more often than one under 0.2 (0.66 against 0.33 when measured)."""
    assert ranking.precision_above(0.3)[0] > ranking.precision_above(0.0)[0] + 0.1
    bands = ranking.band_precision()
    assert sum(n for *_, n in bands) == len(ranking.panel)
    assert bands[1][2] < bands[3][2]  # 0.1-0.2 against 0.3-0.4


def test_the_convergences_are_measured_at_the_suggested_threshold_and_fixed_ones(
    proposals,
) -> None:
    results = {c.threshold: c for c in cluster(proposals, [SUGGESTED, *THRESHOLDS])}
    suggested, fixed = results[SUGGESTED], results[0.35]
    assert suggested.proposals == fixed.proposals == 821
    assert len(suggested.per_call) == 8
    assert all(0.01 <= t <= 0.95 for *_, t in suggested.per_call)
    assert all(t == 0.35 for *_, t in fixed.per_call)
    # a lower threshold leaves fewer proposals alone; the best of these groups better
    assert results[0.15].alone < fixed.alone
    assert results[0.15].ari >= ARI_FLOOR_AT_015
    # each call's own threshold groups far better than any fixed one of these
    assert suggested.ari >= ARI_FLOOR_SUGGESTED
    assert suggested.ari > max(c.ari for t, c in results.items() if t is not SUGGESTED) + 0.1
    assert suggested.alone < 0.05


def test_the_silhouette_of_two_tight_far_groups_is_near_one() -> None:
    import numpy as np

    points = np.array([[0.0], [0.1], [5.0], [5.1]])
    distance = np.abs(points - points.T)
    assert silhouette(distance, [1, 1, 2, 2]) == pytest.approx(1 - 0.1 / 4.95, abs=0.01)
    assert silhouette(distance, [1, 2, 1, 2]) < 0
    assert silhouette(distance, [1, 1, 1, 1]) == 0  # one group: undefined, 0
    assert silhouette(distance, [1, 1, 2, 3]) == pytest.approx((2 * (1 - 0.1 / 4.95)) / 4, abs=0.01)

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from alliage.core.numbers import whole_percents


def test_one_quarter_and_six_eighths_of_the_rest_add_up_to_100() -> None:
    # 2 of 8 actors, then six of one each: rounding each alone shows 25 + 6 x 12 = 97.
    assert whole_percents([2, 1, 1, 1, 1, 1, 1]) == [25, 13, 13, 13, 12, 12, 12]


def test_nothing_to_share_is_all_zeros() -> None:
    assert whole_percents([]) == []
    assert whole_percents([0, 0]) == [0, 0]


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=30))
def test_whole_percents_add_up_to_100_and_stay_within_one_point(counts: list[int]) -> None:
    percents = whole_percents(counts)
    total = sum(counts)
    if total == 0:
        assert percents == [0] * len(counts)
        return
    assert sum(percents) == 100
    for count, percent in zip(counts, percents, strict=True):
        assert abs(percent - 100 * count / total) < 1
        if count == 0:
            assert percent == 0

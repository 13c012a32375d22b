from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliage.actors.models import OrganisationKind
from alliage.coalitions.heterogeneity import heterogeneity_index, heterogeneity_of

KINDS = [value for value, _ in OrganisationKind.choices]


def test_one_kind_is_zero() -> None:
    assert heterogeneity_index({"association": 7}) == 0.0


def test_even_spread_over_all_eight_kinds_is_one() -> None:
    assert heterogeneity_index(dict.fromkeys(KINDS, 3)) == pytest.approx(1.0)


def test_even_spread_over_two_kinds_is_a_third() -> None:
    assert heterogeneity_index({"sme": 2, "research": 2}) == pytest.approx(
        math.log(2) / math.log(8)
    )


def test_no_actor_is_zero() -> None:
    assert heterogeneity_index({}) == 0.0


@given(st.dictionaries(st.sampled_from(KINDS), st.integers(min_value=0, max_value=1000)))
def test_index_is_between_zero_and_one(counts: dict[str, int]) -> None:
    assert 0.0 <= heterogeneity_index(counts) <= 1.0


@given(st.lists(st.sampled_from(KINDS), min_size=1, max_size=40), st.randoms())
def test_order_of_actors_does_not_matter(kinds: list[str], rnd) -> None:
    actors = [(i, kind) for i, kind in enumerate(kinds)]
    shuffled = actors[:]
    rnd.shuffle(shuffled)
    assert heterogeneity_of(actors).index == pytest.approx(heterogeneity_of(shuffled).index)


def test_an_organisation_counts_once_however_many_people_it_sends() -> None:
    same_org_three_times = [(1, "large_company")] * 3 + [(2, "association")]
    assert heterogeneity_of(same_org_three_times).actors == 2
    assert heterogeneity_of(same_org_three_times).index == pytest.approx(math.log(2) / math.log(8))


def test_people_in_their_own_name_count_as_other() -> None:
    result = heterogeneity_of([(None, None), (None, None), (5, "research")])
    assert {s.kind: s.count for s in result.breakdown} == {"other": 2, "research": 1}


@given(st.lists(st.sampled_from(KINDS), min_size=1, max_size=60))
def test_breakdown_percentages_add_up_to_100(kinds: list[str]) -> None:
    h = heterogeneity_of([(i, kind) for i, kind in enumerate(kinds)])
    assert sum(s.percent for s in h.breakdown) == 100
    assert sum(s.count for s in h.breakdown) == len(kinds)

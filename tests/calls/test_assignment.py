"""Tests for the automatic reviewer assignment planner.

The property tests check the planner's guarantees against independent oracles: a plain
depth-first augmenting-path max-flow (the planner itself uses no flow at all) proves that one
less than the planner's maximum load is infeasible, and exhaustive search on tiny instances
proves that the load vector is the most even one possible.
"""

from __future__ import annotations

import itertools
import random
import time
from collections import Counter
from collections.abc import Collection, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliage.calls.assignment import AssignmentPlan, plan_assignments

Pair = tuple[int, int]


# --- Hand examples ---------------------------------------------------------------------------


def test_no_conflicts_gives_perfect_balance() -> None:
    plan = plan_assignments(submissions=range(1, 11), reviewers=[1, 2, 3, 4], per_submission=2)

    assert len(plan.pairs) == 20
    assert plan.short == ()
    assert plan.loads == {1: 5, 2: 5, 3: 5, 4: 5}
    assert Counter(s for _, s in plan.pairs) == dict.fromkeys(range(1, 11), 2)


def test_uneven_total_differs_by_at_most_one() -> None:
    plan = plan_assignments(submissions=range(7), reviewers=range(10, 15), per_submission=3)

    assert sorted(plan.loads.values()) == [4, 4, 4, 4, 5]


def test_reviewer_conflicted_with_everything_gets_nothing() -> None:
    submissions = [10, 20, 30]
    plan = plan_assignments(
        submissions=submissions,
        reviewers=[1, 2, 3],
        per_submission=2,
        conflicts=[(3, s) for s in submissions],
    )

    assert plan.loads == {1: 3, 2: 3, 3: 0}
    assert all(r != 3 for r, _ in plan.pairs)
    assert plan.short == ()


def test_existing_pairs_are_kept_and_counted() -> None:
    existing = [(1, 10), (1, 20), (2, 10)]
    plan = plan_assignments(
        submissions=[10, 20, 30],
        reviewers=[1, 2, 3],
        per_submission=2,
        existing=existing,
    )

    assert not set(plan.pairs) & set(existing)
    # 10 is full already; 20 needs one more, 30 two: reviewer 1 already has two, so 3 and 2 work.
    assert plan.pairs == ((2, 30), (3, 20), (3, 30))
    assert plan.loads == {1: 2, 2: 2, 3: 2}


def test_existing_beyond_target_are_left_alone() -> None:
    plan = plan_assignments(
        submissions=[1], reviewers=[1, 2, 3], per_submission=1, existing=[(1, 1), (2, 1)]
    )

    assert plan.pairs == ()
    assert plan.loads == {1: 1, 2: 1, 3: 0}


def test_existing_load_elsewhere_steers_new_work_away() -> None:
    plan = plan_assignments(
        submissions=[1, 2],
        reviewers=[1, 2],
        per_submission=1,
        existing=[(1, 99), (1, 98)],  # work on submissions outside this batch still counts
    )

    assert plan.pairs == ((2, 1), (2, 2))
    assert plan.loads == {1: 2, 2: 2}


def test_impossible_case_lists_short() -> None:
    plan = plan_assignments(
        submissions=[1, 2, 3],
        reviewers=[7, 8, 9],
        per_submission=3,
        conflicts=[(7, 1), (8, 1), (9, 1), (7, 2)],
    )

    assert plan.short == (1, 2)
    assert sorted(plan.pairs) == [(7, 3), (8, 2), (8, 3), (9, 2), (9, 3)]
    assert plan.loads == {7: 1, 8: 2, 9: 2}


def test_no_reviewers_at_all() -> None:
    plan = plan_assignments(submissions=[1, 2], reviewers=[], per_submission=2)

    assert plan == AssignmentPlan(pairs=(), short=(1, 2), loads={})


def test_zero_per_submission_assigns_nothing() -> None:
    plan = plan_assignments(submissions=[1, 2], reviewers=[1], per_submission=0)

    assert plan == AssignmentPlan(pairs=(), short=(), loads={1: 0})


def test_negative_per_submission_is_rejected() -> None:
    with pytest.raises(ValueError, match="per_submission"):
        plan_assignments(submissions=[1], reviewers=[1], per_submission=-1)


def test_work_flows_around_conflicts_to_the_free_reviewer() -> None:
    """Reviewer 1 is busy elsewhere; 2 must take submission 10 so that 3 can take 20."""
    plan = plan_assignments(
        submissions=[10, 20],
        reviewers=[1, 2, 3],
        per_submission=1,
        conflicts=[(3, 10), (1, 20)],
        existing=[(1, 99)],
    )

    assert plan.pairs == ((2, 10), (3, 20))
    assert plan.loads == {1: 1, 2: 1, 3: 1}


def test_large_instance_is_fast() -> None:
    rng = random.Random(1234)
    submissions = list(range(1000, 1500))
    reviewers = list(range(1, 61))
    conflicts = [(r, s) for r in reviewers for s in submissions if rng.random() < 0.1]
    existing = [(rng.choice(reviewers), s) for s in rng.sample(submissions, 100)]
    # A few reviewers conflicted with most submissions make the greedy start uneven.
    conflicts += [(r, s) for r in reviewers[:5] for s in submissions if s % 7]

    start = time.perf_counter()
    plan = plan_assignments(
        submissions=submissions,
        reviewers=reviewers,
        per_submission=3,
        conflicts=conflicts,
        existing=existing,
    )
    elapsed = time.perf_counter() - start

    check_plan(submissions, reviewers, 3, conflicts, existing, plan)
    assert elapsed < 2.0  # typically well under 0.2 s; generous for loaded CI machines


# --- Independent oracles ---------------------------------------------------------------------


def max_flow(capacity: dict[int, dict[int, int]], source: int, sink: int) -> int:
    """Ford-Fulkerson with depth-first augmenting paths on a dict-of-dicts residual graph."""
    residual = {u: dict(edges) for u, edges in capacity.items()}
    for u, edges in capacity.items():
        for v in edges:
            residual.setdefault(v, {}).setdefault(u, 0)
    total = 0
    while True:
        parent: dict[int, int] = {source: source}
        stack = [source]
        while stack and sink not in parent:
            u = stack.pop()
            for v, cap in residual[u].items():
                if cap > 0 and v not in parent:
                    parent[v] = u
                    stack.append(v)
        if sink not in parent:
            return total
        path = []
        v = sink
        while v != source:
            path.append((parent[v], v))
            v = parent[v]
        push = min(residual[u][v] for u, v in path)
        for u, v in path:
            residual[u][v] -= push
            residual[v][u] += push
        total += push


def demands(
    submissions: Sequence[int],
    reviewers: Sequence[int],
    per_submission: int,
    conflicts: Collection[Pair],
    existing: Collection[Pair],
) -> dict[int, int]:
    """How many new reviewers each submission needs, computed straight from rule 2."""
    result = {}
    for s in submissions:
        free = sum((r, s) not in conflicts for r in reviewers)
        have = sum(1 for (_, t) in existing if t == s)
        result[s] = max(0, min(per_submission, free) - have)
    return result


def feasible_with_max_load(
    limit: int,
    submissions: Sequence[int],
    reviewers: Sequence[int],
    need: dict[int, int],
    conflicts: Collection[Pair],
    existing: Collection[Pair],
) -> bool:
    """Whether every need can be met without any reviewer ending above ``limit``."""
    base = Counter(r for r, _ in existing)
    if any(base[r] > limit for r in reviewers):
        return False
    # Nodes: 0 source, 1 sink, 2.. submissions, then reviewers.
    sub_node = {s: 2 + i for i, s in enumerate(submissions)}
    rev_node = {r: 2 + len(submissions) + i for i, r in enumerate(reviewers)}
    capacity: dict[int, dict[int, int]] = {0: {}, 1: {}}
    for s in submissions:
        capacity[0][sub_node[s]] = need[s]
        capacity[sub_node[s]] = {
            rev_node[r]: 1 for r in reviewers if (r, s) not in conflicts and (r, s) not in existing
        }
    for r in reviewers:
        capacity[rev_node[r]] = {1: limit - base[r]}
    return max_flow(capacity, 0, 1) == sum(need.values())


def check_plan(
    submissions: Sequence[int],
    reviewers: Sequence[int],
    per_submission: int,
    conflicts: Collection[Pair],
    existing: Collection[Pair],
    plan: AssignmentPlan,
) -> None:
    """Assert rules 1-3 (instances here only use listed ids in ``existing``)."""
    conflicts, existing = set(conflicts), set(existing)
    new = set(plan.pairs)

    # Rule 1.
    assert len(new) == len(plan.pairs)
    assert not new & conflicts
    assert not new & existing
    assert all(r in reviewers and s in submissions for r, s in new)
    assert list(plan.pairs) == sorted(plan.pairs)

    # Rule 2.
    need = demands(submissions, reviewers, per_submission, conflicts, existing)
    final = existing | new
    count = Counter(s for _, s in final)
    for s in submissions:
        free = sum((r, s) not in conflicts for r in reviewers)
        have = sum(1 for (_, t) in existing if t == s)
        assert count[s] == max(have, min(per_submission, free))
    assert plan.short == tuple(sorted(s for s in set(submissions) if count[s] < per_submission))

    # Loads.
    loads = Counter(r for r, _ in final)
    assert plan.loads == {r: loads[r] for r in sorted(set(reviewers))}
    assert list(plan.loads) == sorted(plan.loads)

    # Rule 3, local: nobody who could have taken a new pair is two or more below its holder.
    for r, s in new:
        for other in reviewers:
            if (other, s) not in conflicts and (other, s) not in final:
                assert plan.loads[other] >= plan.loads[r] - 1, (r, s, other)

    # Rule 3, global: one less than the achieved maximum is impossible.
    if reviewers and new:
        top = max(plan.loads.values())
        assert not feasible_with_max_load(
            top - 1, submissions, reviewers, need, conflicts, existing
        )

    # With nothing in the way, perfect balance.
    if not conflicts and not existing and reviewers:
        assert max(plan.loads.values()) - min(plan.loads.values()) <= 1


# --- Property tests --------------------------------------------------------------------------


@st.composite
def instances(
    draw: st.DrawFn, max_submissions: int = 40, max_reviewers: int = 15
) -> tuple[list[int], list[int], int, list[Pair], list[Pair]]:
    n_submissions = draw(st.integers(1, max_submissions))
    n_reviewers = draw(st.integers(1, max_reviewers))
    per_submission = draw(st.integers(1, 4))
    ids = st.integers(1, 10_000)
    submissions = draw(st.lists(ids, min_size=n_submissions, max_size=n_submissions, unique=True))
    reviewers = draw(st.lists(ids, min_size=n_reviewers, max_size=n_reviewers, unique=True))
    conflict_rate = draw(st.sampled_from([0.0, 0.05, 0.2, 0.5, 0.9]))
    existing_rate = draw(st.sampled_from([0.0, 0.05, 0.2]))
    rng = draw(st.randoms(use_true_random=False))
    cells = [(r, s) for r in reviewers for s in submissions]
    conflicts = [cell for cell in cells if rng.random() < conflict_rate]
    # Existing pairs may even be conflicts (made by hand before the conflict was declared).
    existing = [cell for cell in cells if rng.random() < existing_rate]
    return submissions, reviewers, per_submission, conflicts, existing


@settings(max_examples=200, deadline=None)
@given(instances(), st.randoms(use_true_random=False))
def test_plan_guarantees(
    instance: tuple[list[int], list[int], int, list[Pair], list[Pair]], rng: random.Random
) -> None:
    submissions, reviewers, per_submission, conflicts, existing = instance
    plan = plan_assignments(
        submissions=submissions,
        reviewers=reviewers,
        per_submission=per_submission,
        conflicts=conflicts,
        existing=existing,
    )

    check_plan(submissions, reviewers, per_submission, conflicts, existing, plan)

    # Rule 4: same sets in another order (and another container type) give the same plan.
    shuffled = [list(x) for x in (submissions, reviewers, conflicts, existing)]
    for items in shuffled:
        rng.shuffle(items)
    again = plan_assignments(
        submissions=tuple(shuffled[0]),
        reviewers=shuffled[1],
        per_submission=per_submission,
        conflicts=set(shuffled[2]),
        existing=shuffled[3],
    )
    assert again == plan


@settings(max_examples=200, deadline=None)
@given(instances(max_submissions=4, max_reviewers=4))
def test_loads_are_as_even_as_possible_on_tiny_instances(
    instance: tuple[list[int], list[int], int, list[Pair], list[Pair]],
) -> None:
    """Exhaustive search: no valid completion has a lexicographically smaller sorted-desc load."""
    submissions, reviewers, per_submission, conflicts, existing = instance
    plan = plan_assignments(
        submissions=submissions,
        reviewers=reviewers,
        per_submission=per_submission,
        conflicts=conflicts,
        existing=existing,
    )
    need = demands(submissions, reviewers, per_submission, set(conflicts), set(existing))
    options = []
    for s in submissions:
        free = [r for r in reviewers if (r, s) not in conflicts and (r, s) not in existing]
        options.append([[(r, s) for r in group] for group in itertools.combinations(free, need[s])])
    base = Counter(r for r, _ in existing)

    def profile(pairs: Sequence[Pair]) -> list[int]:
        loads = base + Counter(r for r, _ in pairs)
        return sorted((loads[r] for r in reviewers), reverse=True)

    best = min(profile(list(itertools.chain(*choice))) for choice in itertools.product(*options))
    assert profile(plan.pairs) == best

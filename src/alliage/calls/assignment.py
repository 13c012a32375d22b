"""Automatic, balanced assignment of reviewers to the submissions of a call.

Every submission should get ``per_submission`` reviewers, no reviewer may review a submission
they have a conflict of interest with, and the work should be spread as evenly as possible.
Assignments made earlier by hand are kept as they are and count towards both the submission's
reviewers and the reviewer's load.

How it works
------------
The problem is a flow problem: each submission must send its missing reviewers ("demand") over
allowed (submission, reviewer) edges of capacity 1, and a reviewer's load costs ``load ** 2``.
Minimising that convex cost spreads the work as evenly as possible: the set of load vectors a
flow network can produce is M-convex, and on such a set the assignment with the smallest sum of
squares is also "decreasingly minimal" -- it has the smallest possible maximum load, then the
fewest reviewers at that maximum, and so on (Frank & Murota, *Discrete decreasing
minimization*). A flow has minimum convex cost exactly when its residual graph has no
negative-cost cycle, which here means: no chain

    u gives s1 to r1, r1 gives s2 to r2, ..., r(k-1) gives sk to v

(each reviewer handing over one of its *new* submissions to a reviewer allowed on it and not
already on it) from a reviewer ``u`` to a reviewer ``v`` with ``load(v) <= load(u) - 2``.
Shifting work along such a chain lowers ``u`` by one and raises ``v`` by one, so the sum of
squares strictly drops and the process terminates.

So we build a good greedy assignment first (most constrained submissions first, each to its
least loaded allowed reviewers), then remove cost-reducing chains with breadth-first searches,
starting from the most loaded reviewers. When a search from the current maximum load finds no
chain, everything it reached is "settled": nothing can leave that set of reviewers any more, so
it is never searched again (see :func:`_rebalance`). Everything is done in pure Python on sorted
ids, so the result is deterministic.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["AssignmentPlan", "plan_assignments"]


@dataclass(frozen=True)
class AssignmentPlan:
    """The outcome of :func:`plan_assignments`.

    ``pairs`` are the new ``(reviewer_id, submission_id)`` assignments to create, sorted.
    ``short`` lists, sorted, the submissions that still have fewer than ``per_submission``
    reviewers because too few reviewers are free of conflicts with them. ``loads`` gives every
    reviewer's final number of assignments (existing + new), keyed by reviewer id in order.
    """

    pairs: tuple[tuple[int, int], ...]
    short: tuple[int, ...]
    loads: dict[int, int]


def plan_assignments(
    *,
    submissions: Sequence[int],
    reviewers: Sequence[int],
    per_submission: int,
    conflicts: Collection[tuple[int, int]] = (),
    existing: Collection[tuple[int, int]] = (),
    affinity: Mapping[tuple[int, int], float] | None = None,
) -> AssignmentPlan:
    """Plan the new reviewer assignments for a call.

    Guarantees, on every input:

    1. No new pair is a conflict, an existing pair, or a duplicate.
    2. Each submission ends with ``min(per_submission, reviewers without a conflict with it)``
       reviewers in total, or keeps its existing ones untouched if it already has that many.
    3. The largest reviewer load is the smallest achievable under 1-2 and the existing pairs,
       and no new pair could be moved to another allowed reviewer whose load is lower by two or
       more (in fact the sum of squared loads is minimal, see the module docstring).
    4. The result only depends on the *sets* of ids and pairs given, not on their order.

    ``conflicts`` and ``existing`` are ``(reviewer_id, submission_id)`` pairs. Conflicts about
    unknown ids are ignored. An existing pair is counted wherever it touches a listed id: towards
    a listed submission's reviewers even if the reviewer is not listed (the assignment exists),
    and towards a listed reviewer's load even if the submission is not listed (it is still work).
    An existing pair that is also a conflict is kept and counted, never duplicated.

    ``affinity`` (optional) scores ``(reviewer_id, submission_id)`` pairs, higher for a better
    match of expertise (missing pairs score 0). It only breaks ties: among the assignments that
    meet 1-3, the plan then moves work between reviewers without changing the sorted vector of
    loads (a new pair handed to a reviewer one lighter, or two reviewers of equal load
    exchanging a pair each) while that raises the total affinity (see :func:`_prefer_expertise`).
    Guarantees 1-4 still hold.
    """
    if per_submission < 0:
        raise ValueError("per_submission must be zero or more")
    submission_ids = sorted(set(submissions))
    reviewer_ids = sorted(set(reviewers))
    conflict_set = set(conflicts)
    existing_set = set(existing)

    load = dict.fromkeys(reviewer_ids, 0)
    # Reviewers currently on each submission (existing, then new as we add them).
    on: dict[int, set[int]] = {s: set() for s in submission_ids}
    for reviewer, submission in existing_set:
        if reviewer in load:
            load[reviewer] += 1
        if submission in on:
            on[submission].add(reviewer)

    # Listed reviewers allowed on each submission (no conflict), in id order.
    allowed = {
        s: tuple(r for r in reviewer_ids if (r, s) not in conflict_set) for s in submission_ids
    }
    demand = {s: max(0, min(per_submission, len(allowed[s])) - len(on[s])) for s in submission_ids}

    held = _greedy(submission_ids, allowed, demand, on, load)
    _rebalance(reviewer_ids, allowed, on, load, held)
    if affinity:
        _prefer_expertise(reviewer_ids, allowed, on, load, held, affinity)

    pairs = tuple(sorted((r, s) for r in reviewer_ids for s in held[r]))
    short = tuple(s for s in submission_ids if len(on[s]) < per_submission)
    return AssignmentPlan(pairs=pairs, short=short, loads=dict(load))


def _greedy(
    submission_ids: list[int],
    allowed: dict[int, tuple[int, ...]],
    demand: dict[int, int],
    on: dict[int, set[int]],
    load: dict[int, int],
) -> dict[int, set[int]]:
    """Fill every demand, giving each submission to its least loaded candidates.

    Submissions with the fewest candidates go first, since they have the least room to dodge
    loaded reviewers. The result is usually balanced already, which keeps :func:`_rebalance`
    cheap; correctness does not depend on it. Updates ``on`` and ``load`` in place and returns
    the new submissions held by each reviewer.
    """
    held: dict[int, set[int]] = {r: set() for r in load}
    candidates = {s: [r for r in allowed[s] if r not in on[s]] for s in submission_ids}
    for s in sorted(submission_ids, key=lambda s: (len(candidates[s]), s)):
        # demand[s] <= len(candidates[s]): existing pairs on s include every allowed reviewer
        # already on it, so at least len(allowed[s]) - len(on[s]) candidates remain.
        for r in heapq.nsmallest(demand[s], candidates[s], key=lambda r: (load[r], r)):
            held[r].add(s)
            on[s].add(r)
            load[r] += 1
    return held


def _rebalance(
    reviewer_ids: list[int],
    allowed: dict[int, tuple[int, ...]],
    on: dict[int, set[int]],
    load: dict[int, int],
    held: dict[int, set[int]],
) -> None:
    """Shift new pairs along cost-reducing chains until none is left (see module docstring).

    Each round searches from all unsettled reviewers at the highest unsettled load ``top`` for
    a reviewer at ``top - 2`` or less. If one is found, work moves along the chain. If not,
    everything reached is settled: it is closed (every submission a reached reviewer could hand
    over only has reached reviewers as candidates) and all its loads are at least ``top - 1``.
    Later chains can neither enter and leave that set nor change which reviewers are on its
    submissions, and its loads stay put, so no cost-reducing chain can start from it again.
    Every round settles at least the sources or lowers the sum of squared loads, so it ends.
    """
    settled: set[int] = set()
    while len(settled) < len(reviewer_ids):
        top = max(load[r] for r in reviewer_ids if r not in settled)
        sources = [r for r in reviewer_ids if r not in settled and load[r] == top]
        chain, reached = _find_chain(sources, top - 2, settled, allowed, on, load, held)
        if chain is None:
            settled |= reached
            continue
        giver = chain[0][0]
        for from_reviewer, submission, to_reviewer in chain:
            held[from_reviewer].remove(submission)
            on[submission].remove(from_reviewer)
            held[to_reviewer].add(submission)
            on[submission].add(to_reviewer)
        load[giver] -= 1
        load[chain[-1][2]] += 1


def _find_chain(
    sources: list[int],
    threshold: int,
    settled: set[int],
    allowed: dict[int, tuple[int, ...]],
    on: dict[int, set[int]],
    load: dict[int, int],
    held: dict[int, set[int]],
) -> tuple[list[tuple[int, int, int]] | None, set[int]]:
    """Breadth-first search for a chain from ``sources`` to a reviewer with load <= threshold.

    Returns the chain as ``(giver, submission, receiver)`` steps in order (or ``None``) and the
    set of reviewers reached. Settled reviewers may be reached but are not expanded: they only
    lead to other settled reviewers, none of which is light enough to be a target.
    """
    came_from: dict[int, tuple[int, int] | None] = dict.fromkeys(sources)
    queue = deque(sources)
    while queue:
        giver = queue.popleft()
        if giver in settled:
            continue
        for submission in sorted(held[giver]):
            on_it = on[submission]
            for receiver in allowed[submission]:
                if receiver in came_from or receiver in on_it:
                    continue
                came_from[receiver] = (giver, submission)
                if load[receiver] <= threshold:
                    return _unwind(came_from, receiver), set(came_from)
                queue.append(receiver)
    return None, set(came_from)


def _unwind(came_from: dict[int, tuple[int, int] | None], end: int) -> list[tuple[int, int, int]]:
    """Rebuild the chain of ``(giver, submission, receiver)`` steps that ends at ``end``."""
    chain: list[tuple[int, int, int]] = []
    receiver = end
    while (step := came_from[receiver]) is not None:
        giver, submission = step
        chain.append((giver, submission, receiver))
        receiver = giver
    chain.reverse()
    return chain


# Local search rounds of :func:`_prefer_expertise`; each round only applies improving moves, so
# the bound only caps the time on large calls (a few rounds reach a local optimum in practice).
EXPERTISE_ROUNDS = 20
EPSILON = 1e-9


def _prefer_expertise(
    reviewer_ids: list[int],
    allowed: dict[int, tuple[int, ...]],
    on: dict[int, set[int]],
    load: dict[int, int],
    held: dict[int, set[int]],
    affinity: Mapping[tuple[int, int], float],
) -> None:
    """Raise the total affinity of the new pairs by moves that keep the balance exactly.

    Two moves leave the multiset of loads (so the maximum and the sum of squares) unchanged:

    * *hand over*: a reviewer at load ``l`` gives a new pair to an allowed reviewer at
      ``l - 1`` not on it (their loads swap);
    * *exchange*: two reviewers of equal load swap one new pair each, each allowed on and not
      already on the other's.

    Only strictly improving moves are made, the best first for each pair, in id order, so the
    result is deterministic and the search ends. Updates ``on``, ``load`` and ``held``.
    """

    def gain_of(r: int, s: int) -> float:
        return affinity.get((r, s), 0.0)

    for _round in range(EXPERTISE_ROUNDS):
        improved = False
        for giver in reviewer_ids:
            for submission in sorted(held[giver]):
                if submission not in held[giver]:  # moved away earlier in this loop
                    continue
                here = gain_of(giver, submission)
                best: tuple[float, int, int | None] | None = None
                for receiver in allowed[submission]:
                    if receiver == giver or receiver in on[submission]:
                        continue
                    if load[receiver] == load[giver] - 1:
                        gain = gain_of(receiver, submission) - here
                        if gain > EPSILON and (best is None or gain > best[0] + EPSILON):
                            best = (gain, receiver, None)
                    elif load[receiver] == load[giver]:
                        for back in sorted(held[receiver]):
                            if back == submission or giver in on[back]:
                                continue
                            if giver not in allowed[back]:
                                continue
                            gain = (
                                gain_of(receiver, submission)
                                - here
                                + gain_of(giver, back)
                                - gain_of(receiver, back)
                            )
                            if gain > EPSILON and (best is None or gain > best[0] + EPSILON):
                                best = (gain, receiver, back)
                if best is None:
                    continue
                _gain, receiver, back = best
                _move(giver, submission, receiver, on, held)
                if back is None:
                    load[giver] -= 1
                    load[receiver] += 1
                else:
                    _move(receiver, back, giver, on, held)
                improved = True
        if not improved:
            return


def _move(giver: int, submission: int, receiver: int, on: dict[int, set[int]],
          held: dict[int, set[int]]) -> None:  # fmt: skip
    held[giver].remove(submission)
    on[submission].remove(giver)
    held[receiver].add(submission)
    on[submission].add(receiver)

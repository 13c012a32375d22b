"""Choices and elections are decided as an independent tally says: random rolls, weights,
proxies and ballots go through the services, and the outcome is recounted here from the list of
ballots, with the rules written out again from the motion form's help text:

- simple: the most voted, without a tie;
- absolute: more than half of the ballots cast, abstentions and blank ballots included;
- two thirds: at least two thirds of the votes expressed (abstentions and blanks left out);

and, for an election to N seats, the N most voted who reach the majority are elected, except
that a tie at the last seat elects nobody of those tied (a second round decides). A choice is an
election to one seat among its options, a ballot marking one option or the abstention; an
election's ballot marks up to N candidates, and one marking nobody is blank.

Nothing of ``alliage.assembly.tally`` is used to compute the expected outcome."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliage.actors.models import Tier
from alliage.assembly import selectors, services, tally
from alliage.assembly.models import (
    Attendance,
    Majority,
    MotionKind,
    OpenVote,
    Option,
    OptionMeaning,
    Participation,
)

from .conftest import Hall, hall_make

BLANK = "blank"  # the key of the abstention (a choice) or of the blank ballot (an election)
VOTES = {"individual": 1, "medium": 2, "large": 3}


@dataclass(frozen=True)
class Expected:
    weights: dict[object, int]  # per option (candidates by index, and BLANK)
    ballots: dict[object, int]
    cast: int
    expressed: int
    winners: frozenset[int]
    tie: bool


def _expected(
    *, candidates: int, seats: int, majority: str, ballots: list[tuple[int, frozenset[int]]]
) -> Expected:
    """The independent tally. ``ballots``: each ballot's weight and the candidates (by index)
    it marks; an empty set is the abstention or the blank ballot."""
    keys: list[object] = [*range(candidates), BLANK]
    weights = dict.fromkeys(keys, 0)
    counts = dict.fromkeys(keys, 0)
    for weight, marks in ballots:
        for k in marks or {BLANK}:
            weights[k] += weight
            counts[k] += 1
    cast = sum(w for w, _m in ballots)
    expressed = cast - weights[BLANK]

    def reaches(votes: int) -> bool:
        if majority == Majority.ABSOLUTE:
            return Fraction(votes) > Fraction(cast, 2)
        if majority == Majority.TWO_THIRDS:
            return votes > 0 and Fraction(votes) >= Fraction(2 * expressed, 3)
        return votes > 0  # simple: the most voted (who got votes at all)

    # Seat by seat from the most voted: the weight of the first candidate left out (the one
    # ranked just after the last seat) is the bar; above it a seat is won outright, at it the
    # candidates are tied and none of them is elected.
    ranked = sorted((weights[c] for c in range(candidates)), reverse=True)
    bar = ranked[seats]
    outright = [c for c in range(candidates) if weights[c] > bar]
    assert len(outright) <= seats
    winners = frozenset(c for c in outright if reaches(weights[c]))
    # A seat is left to a tie when fewer than N are above the bar and the tied ones would
    # otherwise have reached the majority.
    tie = len(outright) < seats and reaches(bar)
    return Expected(weights, counts, cast, expressed, winners, tie)


def _hall(data: st.DataObject, *, weighted: bool) -> tuple[Hall, list[int | None]]:
    """A roll of 2 to 8 voters of random tiers, some present, some absent and represented by
    a present holder (2 proxies each at most), some absent and not. Returns the hall and, for
    each line of the roll, who casts it (an index) or None."""
    for code, votes in VOTES.items():
        Tier.objects.update_or_create(code=code, defaults={"name": code.title(), "votes": votes})
    n = data.draw(st.integers(min_value=2, max_value=8), label="voters")
    tiers = data.draw(st.lists(st.sampled_from(sorted(VOTES)), min_size=n, max_size=n))
    hall = hall_make(n, weighted=weighted, tiers=tiers, second_convocation=True, proxy_cap=2)
    assert [v.weight for v in hall.voters] == [VOTES[t] if weighted else 1 for t in tiers]
    present = data.draw(st.lists(st.booleans(), min_size=n, max_size=n), label="present")
    present[0] = True
    casters: list[int | None] = [i if present[i] else None for i in range(n)]
    held: dict[int, int] = {}
    for i in range(n):
        if present[i]:
            continue
        holders = [j for j in range(n) if present[j] and held.get(j, 0) < 2]
        if holders and data.draw(st.booleans(), label=f"proxy of {i}"):
            j = data.draw(st.sampled_from(holders), label=f"holder of {i}")
            services.proxy_give(giver=hall.voters[i], holder=hall.voters[j], by=hall.members[i])
            held[j] = held.get(j, 0) + 1
            casters[i] = j
    for i in range(n):
        if present[i]:
            mode = data.draw(st.sampled_from([Attendance.ONLINE, Attendance.IN_PERSON]))
            services.check_in(voter=hall.voters[i], by=hall.members[i], mode=mode)
    return hall, casters


def _vote_and_check(
    data: st.DataObject,
    hall: Hall,
    casters: list[int | None],
    *,
    kind: str,
    majority: str,
    secret: bool,
    seats: int,
    candidates: int,
) -> None:
    labels = [f"Option {c}" for c in range(candidates)]
    motion = services.motion_save(
        assembly=hall.assembly, by=hall.chair, title="Motion", kind=kind, majority=majority,
        secret=secret, seats=seats, options=labels,
    )  # fmt: skip
    motion = services.motion_open(motion=motion, by=hall.chair)
    options = list(Option.objects.filter(motion=motion).order_by("position"))
    pk_of: dict[object, int] = {c: options[c].pk for c in range(candidates)}
    blank = [o for o in options if o.meaning == OptionMeaning.ABSTAIN]
    assert len(blank) == 1 and len(options) == candidates + 1
    pk_of[BLANK] = blank[0].pk
    assert all(o.meaning != OptionMeaning.ABSTAIN for o in options[:candidates])
    ballots: list[tuple[int, frozenset[int]]] = []
    cast_lines: dict[int, int] = {}  # voter pk -> the person who cast it
    marked: set[tuple[int, int]] = set()  # (voter pk, option pk)
    for i, caster in enumerate(casters):
        if caster is None or not data.draw(st.booleans(), label=f"votes {i}"):
            continue
        if kind == MotionKind.CHOICE:
            # A radio button: one option, or the abstention.
            pick = data.draw(st.sampled_from([*range(candidates), BLANK]), label=f"ballot {i}")
            marks = frozenset() if pick == BLANK else frozenset({pick})
            choices = [pk_of[pick]]
        else:
            # Check boxes: up to N candidates; none marked is a blank ballot (which the
            # service also takes when the blank option itself is sent).
            marks = frozenset(
                data.draw(
                    st.sets(st.integers(0, candidates - 1), max_size=seats), label=f"ballot {i}"
                )
            )
            if marks:
                choices = [pk_of[c] for c in sorted(marks)]
            else:
                choices = data.draw(st.sampled_from([[], [pk_of[BLANK]]]), label=f"blank {i}")
        voter = hall.voters[i]
        services.ballot_cast(motion=motion, voter=voter, by=hall.members[caster], choices=choices)
        ballots.append((voter.weight, marks))
        cast_lines[voter.pk] = hall.voters[caster].person_id
        marked |= {(voter.pk, pk_of[k]) for k in marks or {BLANK}}
    motion = services.motion_close(motion=motion, by=hall.chair)

    expected = _expected(candidates=candidates, seats=seats, majority=majority, ballots=ballots)
    result = selectors.motion_result(motion)
    assert result is not None and result.adopted is None
    assert result.cast == expected.cast
    assert result.expressed == expected.expressed
    by_pk = {c.key: c for c in result.counts}
    assert set(by_pk) == set(pk_of.values())
    for k, pk in pk_of.items():
        assert (by_pk[pk].weight, by_pk[pk].ballots) == (expected.weights[k], expected.ballots[k])
    assert set(result.winners) == {pk_of[c] for c in expected.winners}
    assert len(result.winners) == len(expected.winners) <= seats
    assert result.tie == expected.tie
    # Who voted is kept, secret or not, with who cast each line.
    participations = Participation.objects.filter(motion=motion)
    assert dict(participations.values_list("voter_id", "cast_by_id")) == cast_lines
    assert sum(participations.values_list("weight", flat=True)) == expected.cast
    # What was voted: each mark of an open ballot, and nothing of a secret one.
    votes = set(OpenVote.objects.filter(motion=motion).values_list("voter_id", "option_id"))
    assert votes == (set() if secret else marked)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.data(),
    weighted=st.booleans(),
    majority=st.sampled_from(list(Majority)),
    secret=st.booleans(),
    candidates=st.integers(min_value=2, max_value=5),
)
@pytest.mark.django_db
def test_a_choice_is_decided_as_an_independent_tally_says(
    data, weighted, majority, secret, candidates
) -> None:
    hall, casters = _hall(data, weighted=weighted)
    _vote_and_check(data, hall, casters, kind=MotionKind.CHOICE, majority=majority,
                    secret=secret, seats=1, candidates=candidates)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.data(),
    weighted=st.booleans(),
    majority=st.sampled_from(list(Majority)),
    secret=st.booleans(),
    seats=st.integers(min_value=1, max_value=3),
)
@pytest.mark.django_db
def test_an_election_is_decided_as_an_independent_tally_says(
    data, weighted, majority, secret, seats
) -> None:
    candidates = data.draw(st.integers(min_value=seats + 1, max_value=6), label="candidates")
    hall, casters = _hall(data, weighted=weighted)
    _vote_and_check(data, hall, casters, kind=MotionKind.ELECTION, majority=majority,
                    secret=secret, seats=seats, candidates=candidates)  # fmt: skip


# The pure arithmetic, over many more ballots than the database tests can afford (ties, empty
# ballots, heavy weights): ``tally.result`` is the code under test here, never the oracle.


@st.composite
def _ballot_box(draw: st.DrawFn) -> tuple[str, int, int, list[tuple[int, frozenset[int]]]]:
    kind = draw(st.sampled_from([MotionKind.CHOICE, MotionKind.ELECTION]))
    seats = draw(st.integers(1, 3)) if kind == MotionKind.ELECTION else 1
    candidates = draw(st.integers(seats + 1, 6 if kind == MotionKind.ELECTION else 5))
    if kind == MotionKind.CHOICE:
        ballot = st.sampled_from([frozenset(), *(frozenset({c}) for c in range(candidates))])
    else:
        ballot = st.frozensets(st.integers(0, candidates - 1), max_size=seats)
    ballots = draw(st.lists(st.tuples(st.integers(1, 4), ballot), max_size=12))
    return kind, seats, candidates, ballots


@settings(max_examples=400, deadline=None)
@given(box=_ballot_box(), majority=st.sampled_from(list(Majority)))
def test_the_arithmetic_of_choices_and_elections_matches_an_independent_tally(
    box, majority
) -> None:
    kind, seats, candidates, ballots = box
    expected = _expected(candidates=candidates, seats=seats, majority=majority, ballots=ballots)
    meaning = OptionMeaning.CANDIDATE if kind == MotionKind.ELECTION else OptionMeaning.OPTION
    # Keys in an order other than the options' positions: the result must not depend on it.
    keys = {c: 100 - c for c in range(candidates)} | {BLANK: 1}
    meanings = dict.fromkeys(range(candidates), meaning) | {BLANK: OptionMeaning.ABSTAIN}
    counts = [
        tally.Count(
            key=keys[k],
            label=str(k),
            meaning=meanings[k],
            weight=expected.weights[k],
            ballots=expected.ballots[k],
        )
        for k in meanings
    ]
    result = tally.result(kind=kind, majority=majority, seats=seats, counts=counts,
                          cast=expected.cast)  # fmt: skip
    assert result.adopted is None
    assert (result.cast, result.expressed) == (expected.cast, expected.expressed)
    assert set(result.winners) == {keys[c] for c in expected.winners}
    assert len(result.winners) == len(expected.winners)
    assert result.tie == expected.tie

"""Results equal an independent tally: random rolls, weights, proxies and ballots go through
the services, and the outcome is recounted here from the list of ballots, with the majority
rules written out again."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliage.actors.models import Tier
from alliage.assembly import selectors, services
from alliage.assembly.models import Attendance, Majority, MotionKind, Option

from .conftest import hall_make

pytestmark = pytest.mark.django_db

ANSWERS = ("yes", "no", "abstain")


def _adopted(ballots: list[tuple[int, str]], majority: str) -> bool:
    yes = sum(w for w, a in ballots if a == "yes")
    no = sum(w for w, a in ballots if a == "no")
    cast = sum(w for w, _a in ballots)
    if majority == Majority.SIMPLE:
        return yes > no
    if majority == Majority.ABSOLUTE:
        return yes > cast / 2
    return yes > 0 and yes >= (yes + no) * 2 / 3


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.data(),
    n=st.integers(min_value=2, max_value=7),
    weighted=st.booleans(),
    majority=st.sampled_from(list(Majority)),
    secret=st.booleans(),
)
def test_a_resolution_is_decided_as_an_independent_tally_says(
    data, n, weighted, majority, secret
) -> None:
    Tier.objects.update_or_create(code="large", defaults={"name": "Large", "votes": 3})
    tiers = data.draw(st.lists(st.sampled_from(["individual", "large"]), min_size=n, max_size=n))
    hall = hall_make(n, weighted=weighted, tiers=tiers, second_convocation=True, proxy_cap=2)
    present = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    present[0] = True
    held: dict[int, int] = {}
    holders: dict[int, int] = {}  # absent voter index -> holder index
    for i in range(n):
        if present[i]:
            continue
        choices = [j for j in range(n) if present[j] and held.get(j, 0) < 2]
        if choices and data.draw(st.booleans()):
            j = data.draw(st.sampled_from(choices))
            services.proxy_give(giver=hall.voters[i], holder=hall.voters[j], by=hall.members[i])
            held[j] = held.get(j, 0) + 1
            holders[i] = j
    for i in range(n):
        if present[i]:
            services.check_in(voter=hall.voters[i], by=hall.members[i], mode=Attendance.ONLINE)
    motion = services.motion_save(
        assembly=hall.assembly, by=hall.chair, title="Motion", kind=MotionKind.RESOLUTION,
        majority=majority, secret=secret,
    )  # fmt: skip
    motion = services.motion_open(motion=motion, by=hall.chair)
    option = {o.meaning: o.pk for o in Option.objects.filter(motion=motion)}
    ballots: list[tuple[int, str]] = []
    for i in range(n):
        caster = i if present[i] else holders.get(i)
        if caster is None or not data.draw(st.booleans()):
            continue
        answer = data.draw(st.sampled_from(ANSWERS))
        services.ballot_cast(
            motion=motion, voter=hall.voters[i], by=hall.members[caster], choices=[option[answer]]
        )
        ballots.append((hall.voters[i].weight, answer))
    motion = services.motion_close(motion=motion, by=hall.chair)
    result = selectors.motion_result(motion)
    assert result.cast == sum(w for w, _a in ballots)
    assert result.adopted == _adopted(ballots, majority)
    expected_weights = {(3 if weighted and t == "large" else 1) for t in tiers}
    assert {v.weight for v in hall.voters} == expected_weights

"""The assembly's rules, as the services enforce them: each refusal has a clear message (in
French, the default language) and writes nothing."""

from __future__ import annotations

import pytest
from django.db import connection

from alliage.actors.models import Tier
from alliage.assembly import selectors, services
from alliage.assembly.models import (
    Attendance,
    Majority,
    MotionKind,
    MotionStatus,
    OpenVote,
    Option,
    Participation,
    Proxy,
    Voter,
)
from alliage.core.errors import BusinessError
from tests.factories import MembershipFactory, PersonFactory

from .conftest import hall_make

pytestmark = pytest.mark.django_db


def _resolution(hall, *, secret=False, majority=Majority.SIMPLE):
    return services.motion_save(
        assembly=hall.assembly, by=hall.chair, title="Approbation des comptes",
        kind=MotionKind.RESOLUTION, majority=majority, secret=secret,
    )  # fmt: skip


def _present(hall, *indexes):
    for i in indexes:
        services.check_in(voter=hall.voters[i], by=hall.members[i], mode=Attendance.IN_PERSON)


def _option(motion, meaning):
    return Option.objects.get(motion=motion, meaning=meaning).pk


def test_the_roll_holds_the_members_in_good_standing_only(db) -> None:
    hall = hall_make(3)
    lapsed = PersonFactory()
    MembershipFactory(organisation=None, person=lapsed, tier="individual", amount_due=50)  # unpaid
    services.roll_freeze(assembly=hall.assembly, by=hall.chair)
    names = set(hall.assembly.voters.values_list("person__user", flat=True))
    assert names == {u.pk for u in hall.members}


def test_weights_come_from_the_tier_when_the_statutes_weigh_votes(db) -> None:
    from tests.factories import TierFactory

    TierFactory(code="large")
    Tier.objects.filter(code="large").update(votes=3)
    hall = hall_make(2, weighted=True, tiers=["individual", "large"])
    assert [v.weight for v in hall.voters] == [1, 3]


def test_a_motion_cannot_open_without_quorum(hall) -> None:
    motion = _resolution(hall)
    _present(hall, 0, 1)  # 2 of 5, 50 % needs 3
    with pytest.raises(BusinessError, match="quorum"):
        services.motion_open(motion=motion, by=hall.chair)
    motion.refresh_from_db()
    assert motion.status == MotionStatus.DRAFT
    services.proxy_give(giver=hall.voters[2], holder=hall.voters[0], by=hall.members[2])
    assert selectors.quorum(hall.assembly).reached
    motion = services.motion_open(motion=motion, by=hall.chair)


def test_a_second_convocation_needs_no_quorum(db) -> None:
    hall = hall_make(4, second_convocation=True, quorum_percent=50)
    motion = _resolution(hall)
    motion = services.motion_open(motion=motion, by=hall.chair)
    assert motion.status == MotionStatus.OPEN


def test_a_proxy_beyond_the_cap_is_refused_and_nothing_written(hall) -> None:
    services.proxy_give(giver=hall.voters[1], holder=hall.voters[0], by=hall.members[1])
    services.proxy_give(giver=hall.voters[2], holder=hall.voters[0], by=hall.members[2])
    with pytest.raises(BusinessError, match="2 pouvoirs") as error:
        services.proxy_give(giver=hall.voters[3], holder=hall.voters[0], by=hall.members[3])
    assert error.value.field == "holder"
    assert Proxy.objects.filter(giver=hall.voters[3]).count() == 0


def test_proxies_are_fixed_once_voting_started(hall) -> None:
    proxy = services.proxy_give(giver=hall.voters[3], holder=hall.voters[0], by=hall.members[3])
    _present(hall, 0, 1)
    services.motion_open(motion=_resolution(hall), by=hall.chair)
    with pytest.raises(BusinessError, match="révoqués"):
        services.proxy_revoke(proxy=proxy, by=hall.members[3])
    with pytest.raises(BusinessError, match="donner pouvoir"):
        services.proxy_give(giver=hall.voters[4], holder=hall.voters[1], by=hall.members[4])


def test_no_chains_and_no_proxy_from_someone_present(hall) -> None:
    services.proxy_give(giver=hall.voters[1], holder=hall.voters[0], by=hall.members[1])
    with pytest.raises(BusinessError):  # the holder 0 cannot give theirs while holding one
        services.proxy_give(giver=hall.voters[0], holder=hall.voters[2], by=hall.members[0])
    with pytest.raises(BusinessError):  # nor pass it on to someone who gave their own
        services.proxy_give(giver=hall.voters[3], holder=hall.voters[1], by=hall.members[3])
    _present(hall, 4)
    with pytest.raises(BusinessError, match="présence est enregistrée"):
        services.proxy_give(giver=hall.voters[4], holder=hall.voters[2], by=hall.members[4])
    with pytest.raises(BusinessError):  # someone else's proxy
        services.proxy_give(giver=hall.voters[2], holder=hall.voters[3], by=hall.members[3])


def test_a_holder_who_leaves_takes_the_proxies_with_them(hall) -> None:
    services.proxy_give(giver=hall.voters[1], holder=hall.voters[0], by=hall.members[1])
    _present(hall, 0)
    assert selectors.quorum(hall.assembly).represented_count == 1
    services.check_out(voter=hall.voters[0], by=hall.members[0])
    q = selectors.quorum(hall.assembly)
    assert (q.present_count, q.represented_count) == (0, 0)


def test_one_votes_once_for_themself_and_once_per_proxy(hall) -> None:
    services.proxy_give(giver=hall.voters[3], holder=hall.voters[0], by=hall.members[3])
    _present(hall, 0, 1, 2)
    motion = _resolution(hall)
    motion = services.motion_open(motion=motion, by=hall.chair)
    yes = _option(motion, "yes")
    services.ballot_cast(motion=motion, voter=hall.voters[0], by=hall.members[0], choices=[yes])
    services.ballot_cast(motion=motion, voter=hall.voters[3], by=hall.members[0], choices=[yes])
    for voter in (hall.voters[0], hall.voters[3]):
        with pytest.raises(BusinessError, match="déjà"):
            services.ballot_cast(motion=motion, voter=voter, by=hall.members[0], choices=[yes])
    assert Participation.objects.filter(motion=motion).count() == 2
    assert Option.objects.get(pk=yes).weight == 2


def test_refusals_write_nothing(hall) -> None:
    _present(hall, 0, 1, 2)
    motion = _resolution(hall)
    yes = _option(motion, "yes")
    with pytest.raises(BusinessError, match="pas encore ouvert"):
        services.ballot_cast(motion=motion, voter=hall.voters[0], by=hall.members[0], choices=[yes])
    motion = services.motion_open(motion=motion, by=hall.chair)
    outsider = PersonFactory().user
    with pytest.raises(BusinessError, match="liste des votants"):
        services.ballot_cast(motion=motion, voter=hall.voters[0], by=outsider, choices=[yes])
    with pytest.raises(BusinessError, match="disposez pas"):  # another voter's line
        services.ballot_cast(motion=motion, voter=hall.voters[1], by=hall.members[0], choices=[yes])
    with pytest.raises(BusinessError, match="disposez pas"):  # absent
        services.ballot_cast(motion=motion, voter=hall.voters[4], by=hall.members[4], choices=[yes])
    with pytest.raises(BusinessError):  # two answers to a resolution
        services.ballot_cast(
            motion=motion, voter=hall.voters[0], by=hall.members[0],
            choices=[yes, _option(motion, "no")],
        )  # fmt: skip
    motion = services.motion_close(motion=motion, by=hall.chair)
    with pytest.raises(BusinessError, match="clos"):
        services.ballot_cast(motion=motion, voter=hall.voters[0], by=hall.members[0], choices=[yes])
    assert Participation.objects.filter(motion=motion).count() == 0
    assert sum(Option.objects.filter(motion=motion).values_list("weight", flat=True)) == 0


def test_a_secret_ballot_keeps_no_row_joining_a_voter_to_a_choice(hall) -> None:
    _present(hall, 0, 1, 2)
    motion = _resolution(hall, secret=True)
    motion = services.motion_open(motion=motion, by=hall.chair)
    for i, meaning in ((0, "yes"), (1, "no"), (2, "yes")):
        services.ballot_cast(
            motion=motion, voter=hall.voters[i], by=hall.members[i],
            choices=[_option(motion, meaning)],
        )  # fmt: skip
    assert OpenVote.objects.filter(motion=motion).count() == 0
    # The schema: no table of the app holds both a voter (or person) and an option.
    from django.apps import apps

    for model in apps.get_app_config("assembly").get_models():
        if model is OpenVote:
            continue  # open ballots only, checked empty above
        targets = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
        assert not ({Voter, apps.get_model("actors", "Person")} & targets and Option in targets), (
            model
        )
    # And no column in any row of the database names both: the options hold totals only.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM assembly_participation WHERE motion_id = %s", [motion.pk])
        columns = [c[0] for c in cursor.description]
    assert not any("option" in c or "choice" in c for c in columns)
    motion = services.motion_close(motion=motion, by=hall.chair)
    result = selectors.motion_result(motion)
    assert result.adopted is True and result.cast == 3


def test_results_stay_hidden_until_the_ballot_closes(hall) -> None:
    _present(hall, 0, 1, 2)
    motion = _resolution(hall)
    motion = services.motion_open(motion=motion, by=hall.chair)
    assert selectors.motion_result(motion) is None
    motion = services.motion_close(motion=motion, by=hall.chair)
    assert selectors.motion_result(motion) is not None


def test_an_election_elects_the_most_voted_to_its_seats(hall) -> None:
    _present(hall, 0, 1, 2, 3, 4)
    motion = services.motion_save(
        assembly=hall.assembly, by=hall.chair, title="Conseil d'administration",
        kind=MotionKind.ELECTION, majority=Majority.SIMPLE, seats=2, options=["Ana", "Bo", "Cy"],
    )  # fmt: skip
    motion = services.motion_open(motion=motion, by=hall.chair)
    ana, bo, cy = Option.objects.filter(motion=motion, meaning="candidate").values_list(
        "pk", flat=True
    )
    for i, marks in enumerate(([ana, bo], [ana], [bo, cy], [ana], [])):
        services.ballot_cast(motion=motion, voter=hall.voters[i], by=hall.members[i], choices=marks)
    with pytest.raises(BusinessError):
        services.motion_open(motion=motion, by=hall.chair)
    motion = services.motion_close(motion=motion, by=hall.chair)
    result = selectors.motion_result(motion)
    assert result.winners == (ana, bo) and result.cast == 5


def test_checking_in_takes_back_a_proxy_given(hall) -> None:
    services.proxy_give(giver=hall.voters[1], holder=hall.voters[0], by=hall.members[1])
    _present(hall, 1)
    assert not Proxy.objects.filter(giver=hall.voters[1], revoked_at__isnull=True).exists()


def test_only_the_chair_runs_the_assembly(hall) -> None:
    with pytest.raises(BusinessError):
        services.motion_open(motion=_resolution(hall), by=hall.members[0])
    with pytest.raises(BusinessError):
        services.roll_freeze(assembly=hall.assembly, by=hall.members[0])
    with pytest.raises(BusinessError):  # checking someone else in
        services.check_in(voter=hall.voters[1], by=hall.members[0], mode=Attendance.ONLINE)
    services.check_in(voter=hall.voters[1], by=hall.chair, mode=Attendance.ONLINE)

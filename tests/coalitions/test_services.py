from __future__ import annotations

import datetime as dt

import pytest

from alliage.coalitions import services
from alliage.coalitions.models import (
    CanvasChange,
    CoalitionMember,
    JoinRequest,
    JoinRequestStatus,
    MemberRole,
)
from alliage.coalitions.services import MilestoneData
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import AuditEntry

from ..conftest import Cast, fresh
from ..factories import AffiliationFactory, OrganisationFactory

LIFECYCLE = ["idea", "forming", "active", "evaluating", "closed"]


class TestTransitions:
    @pytest.mark.parametrize(
        ("start", "to"),
        [
            ("idea", "forming"),
            ("forming", "active"),
            ("active", "evaluating"),
            ("evaluating", "closed"),
            ("forming", "idea"),
            ("evaluating", "active"),
            ("idea", "closed"),
        ],
    )
    def test_allowed(self, cast: Cast, start: str, to: str) -> None:
        cast.coalition.status = start
        cast.coalition.save()
        services.coalition_transition(coalition=cast.coalition, by=fresh(cast.lead), to=to)
        cast.coalition.refresh_from_db()
        assert cast.coalition.status == to
        change = CanvasChange.objects.get(coalition=cast.coalition, field="status")
        assert (change.before, change.after) == (start, to)

    @pytest.mark.parametrize(
        ("start", "to"),
        [
            ("idea", "active"),
            ("idea", "evaluating"),
            ("active", "idea"),
            ("closed", "active"),
            ("forming", "evaluating"),
            ("closed", "idea"),
        ],
    )
    def test_refused_with_a_clear_message(self, cast: Cast, start: str, to: str) -> None:
        cast.coalition.status = start
        cast.coalition.save()
        with pytest.raises(BusinessError) as error:
            services.coalition_transition(coalition=cast.coalition, by=fresh(cast.lead), to=to)
        assert "ne peut pas passer" in error.value.message
        cast.coalition.refresh_from_db()
        assert cast.coalition.status == start
        assert not CanvasChange.objects.filter(coalition=cast.coalition).exists()

    def test_every_status_knows_its_next_steps(self) -> None:
        assert set(services.TRANSITIONS) == set(LIFECYCLE)
        assert services.allowed_transitions("idea") == ["forming", "closed"]
        assert services.allowed_transitions("closed") == []

    def test_a_member_cannot_move_the_coalition(self, cast: Cast) -> None:
        with pytest.raises(PermissionRefused):
            services.coalition_transition(
                coalition=cast.coalition, by=fresh(cast.member), to="evaluating"
            )


class TestCanvasUpdate:
    def test_each_changed_field_is_recorded_with_before_and_after(self, cast: Cast) -> None:
        changes = services.coalition_update_canvas(
            coalition=cast.coalition,
            by=fresh(cast.lead),
            data={"diagnostic": "Nouveau constat.", "title": cast.coalition.title},
        )
        assert [(c.field, c.before, c.after) for c in changes] == [
            ("diagnostic", "Le constat de départ.", "Nouveau constat.")
        ]
        assert changes[0].revision == 1
        assert AuditEntry.objects.filter(action="coalition.canvas_changed").count() == 1

    def test_revisions_grow(self, cast: Cast) -> None:
        lead = fresh(cast.lead)
        services.coalition_update_canvas(coalition=cast.coalition, by=lead, data={"levers": "a"})
        services.coalition_update_canvas(coalition=cast.coalition, by=lead, data={"levers": "b"})
        assert list(cast.coalition.changes.values_list("revision", flat=True)) == [2, 1]

    def test_nothing_changed_records_nothing(self, cast: Cast) -> None:
        assert (
            services.coalition_update_canvas(
                coalition=cast.coalition, by=fresh(cast.lead), data={"title": cast.coalition.title}
            )
            == []
        )
        assert not CanvasChange.objects.exists()

    def test_milestones_are_replaced_and_diffed_as_text(self, cast: Cast) -> None:
        changes = services.coalition_update_canvas(
            coalition=cast.coalition,
            by=fresh(cast.team),
            data={},
            milestones=[
                MilestoneData("Lancement", dt.date(2027, 1, 15), "done"),
                MilestoneData("Premier bilan", None, "planned"),
            ],
        )
        assert [c.field for c in changes] == ["milestones"]
        assert "Lancement" in changes[0].after
        assert list(cast.coalition.milestones.values_list("title", flat=True)) == [
            "Lancement",
            "Premier bilan",
        ]

    def test_a_stale_edit_is_refused_and_keeps_the_other_save(self, cast: Cast) -> None:
        lead, team = fresh(cast.lead), fresh(cast.team)
        services.coalition_update_canvas(
            coalition=cast.coalition, by=team, data={"levers": "équipe"}, base_revision=0
        )
        with pytest.raises(services.StaleEdit):
            services.coalition_update_canvas(
                coalition=cast.coalition, by=lead, data={"levers": "porteuse"}, base_revision=0
            )
        cast.coalition.refresh_from_db()
        assert cast.coalition.levers == "équipe"

    @pytest.mark.parametrize("role", ["outsider", "member"])
    def test_refused_to_others(self, cast: Cast, role: str) -> None:
        with pytest.raises(PermissionRefused):
            services.coalition_update_canvas(
                coalition=cast.coalition, by=fresh(cast.user(role)), data={"diagnostic": "x"}
            )
        cast.coalition.refresh_from_db()
        assert cast.coalition.diagnostic == "Le constat de départ."

    def test_status_cannot_be_changed_through_the_canvas(self, cast: Cast) -> None:
        with pytest.raises(BusinessError):
            services.coalition_update_canvas(
                coalition=cast.coalition, by=fresh(cast.lead), data={"status": "closed"}
            )
        cast.coalition.refresh_from_db()
        assert cast.coalition.status == "active"


class TestJoinRequests:
    def test_request_then_accept(self, cast: Cast) -> None:
        outsider = fresh(cast.outsider)
        organisation = AffiliationFactory(person=outsider.person).organisation
        request = services.join_request_create(
            coalition=cast.coalition, by=outsider, organisation=organisation, message="Bonjour"
        )
        again = services.join_request_create(
            coalition=cast.coalition, by=outsider, organisation=None
        )
        assert again.pk == request.pk
        services.join_request_decide(join_request=request, by=fresh(cast.lead), accept=True)
        member = CoalitionMember.objects.get(coalition=cast.coalition, person=outsider.person)
        assert (member.role, member.organisation) == (MemberRole.MEMBER, organisation)

    def test_decline_and_no_second_answer(self, cast: Cast) -> None:
        request = services.join_request_create(
            coalition=cast.coalition, by=fresh(cast.outsider), organisation=None
        )
        services.join_request_decide(join_request=request, by=fresh(cast.team), accept=False)
        assert JoinRequest.objects.get().status == JoinRequestStatus.DECLINED
        with pytest.raises(BusinessError):
            services.join_request_decide(join_request=request, by=fresh(cast.team), accept=True)
        assert not CoalitionMember.objects.filter(person__user=cast.outsider).exists()

    def test_cannot_act_for_someone_elses_organisation(self, cast: Cast) -> None:
        with pytest.raises(BusinessError):
            services.join_request_create(
                coalition=cast.coalition,
                by=fresh(cast.outsider),
                organisation=OrganisationFactory(),
            )
        assert not JoinRequest.objects.exists()

    def test_members_cannot_request_and_members_cannot_decide(self, cast: Cast) -> None:
        with pytest.raises(PermissionRefused):
            services.join_request_create(
                coalition=cast.coalition, by=fresh(cast.member), organisation=None
            )
        request = services.join_request_create(
            coalition=cast.coalition, by=fresh(cast.outsider), organisation=None
        )
        with pytest.raises(PermissionRefused):
            services.join_request_decide(join_request=request, by=fresh(cast.member), accept=True)


def test_propose_creates_an_unpublished_idea_led_by_the_proposer(cast: Cast) -> None:
    outsider = fresh(cast.outsider)
    coalition = services.coalition_propose(
        programme=cast.coalition.programme, by=outsider, title="Sobriété des services publics"
    )
    assert (coalition.status, coalition.is_published) == ("idea", False)
    assert coalition.slug == "sobriete-des-services-publics"
    assert coalition.members.get().role == MemberRole.LEAD


def test_a_coalition_named_new_does_not_take_the_propose_address(cast: Cast) -> None:
    coalition = services.coalition_propose(
        programme=cast.coalition.programme, by=fresh(cast.outsider), title="New"
    )
    assert coalition.slug == "new-2"


@pytest.mark.django_db
def test_a_lead_cannot_leave_nor_step_down_when_that_leaves_no_lead() -> None:
    from django.utils import translation

    from alliage.coalitions import services as coalition_services
    from alliage.coalitions.models import MemberRole
    from alliage.core.errors import BusinessError

    from ..factories import CoalitionMemberFactory

    lead = CoalitionMemberFactory(role=MemberRole.LEAD)
    user = lead.person.user
    with translation.override("en"), pytest.raises(BusinessError, match="only lead"):
        coalition_services.member_remove(member=lead, by=user)
    with translation.override("en"), pytest.raises(BusinessError, match="only lead"):
        coalition_services.member_change_role(member=lead, by=user, role=MemberRole.MEMBER)
    assert coalition_services.member_removal_refusal(member=lead, by=user)
    # With a second lead, stepping down and leaving are allowed.
    other = CoalitionMemberFactory(coalition=lead.coalition, role=MemberRole.LEAD)
    assert coalition_services.member_removal_refusal(member=lead, by=user) is None
    coalition_services.member_change_role(member=lead, by=user, role=MemberRole.MEMBER)
    # …and now the other is the only lead: the team is told so, in other words.
    with translation.override("en"), pytest.raises(BusinessError, match="needs a lead"):
        coalition_services.member_remove(member=other, by=_team_of(lead.coalition))


def _team_of(coalition):
    from ..factories import PersonFactory

    user = PersonFactory().user
    coalition.programme.team.add(user)
    return user

"""The team's side of memberships: pending applications answered from the list, the amount
due on the form."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from alliage.actors.models import Membership, MembershipStatus
from alliage.core.models import AuditEntry
from alliage.membership import services

from ..factories import PersonFactory, ProgrammeFactory, TierFactory, team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    tier = TierFactory(code="trial", yearly_amount=Decimal("120"), holder="any", is_open=True)
    return services.membership_apply(tier=tier, by=PersonFactory().user)


def test_the_pending_filter_and_the_accept_button(client, application) -> None:
    team = team_member(ProgrammeFactory())
    client.force_login(team)
    page = client.get(reverse("team:actors:membership-list") + "?status=applied")
    assert page.status_code == 200
    assert reverse("team:actors:membership-decide", args=[application.pk]) in page.text
    response = client.post(
        reverse("team:actors:membership-decide", args=[application.pk]), {"accept": "1"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == MembershipStatus.ACCEPTED
    page = client.get(reverse("team:actors:membership-list") + "?status=applied")
    assert reverse("team:actors:membership-decide", args=[application.pk]) not in page.text


def test_someone_else_cannot_decide(client, application) -> None:
    client.force_login(PersonFactory().user)
    client.post(reverse("team:actors:membership-decide", args=[application.pk]), {"accept": "1"})
    application.refresh_from_db()
    assert application.status == MembershipStatus.APPLIED
    assert not AuditEntry.objects.filter(action="membership.accepted").exists()


def test_the_team_form_types_the_amount_due(client) -> None:
    team = team_member(ProgrammeFactory())
    client.force_login(team)
    person = PersonFactory()
    today = timezone.localdate().isoformat()
    client.post(
        reverse("team:actors:membership-create"),
        {
            "person_email": person.user.email,
            "tier": "small",
            "starts_on": today,
            "ends_on": today,
            "amount_due": "75.50",
        },
    )
    assert Membership.objects.get(person=person).amount_due == Decimal("75.50")

"""The membership page: public, French amounts; signed in, an application."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from alliage.actors.models import Membership, MembershipStatus

from ..factories import (
    AffiliationFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TierFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tier():
    return TierFactory(
        code="trial", name="Essai", yearly_amount=Decimal("3000"), holder="any", is_open=True
    )


def test_the_page_lists_open_tiers_with_french_amounts(client, tier) -> None:
    TierFactory(code="hidden", name="Cachée", is_open=False)
    page = client.get(reverse("membership:page"))
    assert page.status_code == 200
    assert "Essai" in page.text and "Cachée" not in page.text
    assert "3\xa0000,00\xa0€" in page.text or "3\xa0000,00 €" in page.text


def test_a_signed_in_person_applies(client, tier) -> None:
    person = PersonFactory()
    client.force_login(person.user)
    response = client.post(reverse("membership:page"), {"tier": "trial", "message": "Bonjour"})
    assert response.status_code == 302
    membership = Membership.objects.get(person=person)
    assert membership.status == MembershipStatus.APPLIED and membership.message == "Bonjour"


def test_an_organisation_one_does_not_belong_to_is_refused(client, tier) -> None:
    person = PersonFactory()
    AffiliationFactory(person=person)
    stranger = OrganisationFactory()
    client.force_login(person.user)
    response = client.post(
        reverse("membership:page"), {"tier": "trial", "organisation": stranger.pk}
    )
    assert response.status_code == 200
    assert not Membership.objects.exists()


def test_anonymous_post_goes_to_log_in(client, tier) -> None:
    response = client.post(reverse("membership:page"), {"tier": "trial"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Membership.objects.exists()


def test_withdraw_from_the_page_and_404_to_others(client, tier) -> None:
    from alliage.membership import services

    person = PersonFactory()
    membership = services.membership_apply(tier=tier, by=person.user)
    url = reverse("membership:withdraw", args=[membership.pk])
    client.force_login(PersonFactory().user)
    assert client.post(url).status_code == 404
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPLIED
    client.force_login(person.user)
    assert url in client.get(reverse("membership:page")).text
    assert client.post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.WITHDRAWN


def test_a_member_sees_their_running_membership_on_the_page(client, tier) -> None:
    person = PersonFactory()
    MembershipFactory(organisation=None, person=person, tier=tier)
    client.force_login(person.user)
    page = client.get(reverse("membership:page"))
    assert person.full_name in page.text
    assert reverse("myspace:home") + "#my-membership" in page.text

"""A member's side of their membership: "My membership" on /me/, renewal in one click inside
its window, who votes for an organisation, and the printable receipt."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from alliage.actors import services as actor_services
from alliage.actors.models import Membership, MembershipStatus
from alliage.core.dates import format_date
from alliage.core.errors import BusinessError
from alliage.core.models import AuditEntry
from alliage.membership import selectors, services
from alliage.membership.selectors import memberships_of

from ..assembly.conftest import hall_make
from ..factories import (
    AffiliationFactory,
    MembershipFactory,
    PersonFactory,
    TierFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tier():
    return TierFactory(code="trial", name="Essai", yearly_amount=Decimal("300"), votes=2)


def _refusal(membership: Membership) -> str | None:
    """The renewal rule, as the page and the service read it."""
    others = list(Membership.objects.filter(person=membership.person, status__in=selectors.RUNNING))
    return selectors.renewal_refusal(
        membership=membership, others=others, today=timezone.localdate()
    )


def _own(tier, *, ends_in: int, **kwargs) -> Membership:
    person = kwargs.pop("person", None) or PersonFactory()
    today = timezone.localdate()
    return MembershipFactory(
        organisation=None,
        person=person,
        tier=tier,
        starts_on=today + dt.timedelta(days=ends_in - 364),
        ends_on=today + dt.timedelta(days=ends_in),
        **kwargs,
    )


@pytest.mark.parametrize(
    ("ends_in", "renewable"),
    [(61, False), (60, True), (0, True), (-90, True), (-91, False)],
)
def test_renewal_opens_60_days_before_the_end_and_closes_90_days_after(
    tier, ends_in, renewable
) -> None:
    membership = _own(tier, ends_in=ends_in)
    assert (_refusal(membership) is None) is renewable
    if renewable:
        services.membership_renew_request(membership=membership, by=membership.person.user)
        assert membership.renewals.count() == 1
    else:
        with pytest.raises(BusinessError):
            services.membership_renew_request(membership=membership, by=membership.person.user)
        assert not membership.renewals.exists()


@pytest.mark.parametrize("status", [MembershipStatus.APPLIED, MembershipStatus.DECLINED])
def test_only_an_accepted_membership_is_renewed(tier, status) -> None:
    membership = _own(tier, ends_in=10, status=status)
    assert _refusal(membership)
    with pytest.raises(BusinessError):
        services.membership_renew_request(membership=membership, by=membership.person.user)
    assert Membership.objects.count() == 1


def test_the_too_early_refusal_says_from_when(tier) -> None:
    membership = _own(tier, ends_in=100)
    opens = timezone.localdate() + dt.timedelta(days=40)
    assert format_date(opens, "j F Y") in _refusal(membership)


def test_a_holder_who_applied_again_and_was_accepted_does_not_renew_the_old_one(tier) -> None:
    """A new membership not linked to the old one (applied for from the membership page)
    counts as its renewal: the old one cannot make a second membership over the same year."""
    old = _own(tier, ends_in=-20)
    _own(tier, ends_in=345, person=old.person)
    assert _refusal(old) == "Cette adhésion a déjà été renouvelée."
    with pytest.raises(BusinessError):
        services.membership_renew_request(membership=old, by=old.person.user)
    assert Membership.objects.count() == 2


def test_an_application_waiting_for_the_team_stops_the_renewal_on_page_and_service(
    client, tier
) -> None:
    membership = _own(tier, ends_in=20)
    other_tier = TierFactory(code="other", name="Autre")
    _own(other_tier, ends_in=385, person=membership.person, status=MembershipStatus.APPLIED)
    client.force_login(membership.person.user)
    page = client.get(reverse("myspace:home"))
    assert reverse("membership:renew", args=[membership.pk]) not in page.text
    assert "pour ce membre attend déjà la réponse de l" in page.text
    with pytest.raises(BusinessError):
        services.membership_renew_request(membership=membership, by=membership.person.user)


def test_a_tier_no_longer_offered_is_not_renewed(tier) -> None:
    membership = _own(tier, ends_in=20)
    tier.is_open = False
    tier.save()
    assert _refusal(membership)
    with pytest.raises(BusinessError):
        services.membership_renew_request(membership=membership, by=membership.person.user)


def test_a_renewal_is_renewed_in_its_turn_and_a_declined_one_shows_then_can_be_redone(
    client, tier, team
) -> None:
    membership = _own(tier, ends_in=20)
    user = membership.person.user
    renewal = services.membership_renew_request(membership=membership, by=user)
    assert _refusal(renewal)  # waiting for the team: not renewable
    actor_services.membership_decide(membership=renewal, accept=False, by=team)
    client.force_login(user)
    page = client.get(reverse("myspace:home"))
    assert "Refusée par l'équipe" in page.text
    again = services.membership_renew_request(membership=membership, by=user)
    actor_services.membership_decide(membership=again, accept=True, by=team)
    assert _refusal(membership) == "Cette adhésion a déjà été renouvelée."
    # The accepted renewal ends in 385 days: renewable from 60 days before that.
    assert "renouvelée à partir du" in _refusal(again.__class__.objects.get(pk=again.pk))


def test_renew_from_my_space_in_one_click(client, tier) -> None:
    membership = _own(tier, ends_in=20)
    client.force_login(membership.person.user)
    page = client.get(reverse("myspace:home"))
    assert page.status_code == 200
    renew_url = reverse("membership:renew", args=[membership.pk])
    assert renew_url in page.text and 'id="my-membership"' in page.text
    response = client.post(renew_url)
    assert response.status_code == 302
    assert response["Location"].endswith("#my-membership")
    renewal = membership.renewals.get()
    assert renewal.status == MembershipStatus.APPLIED and renewal.amount_due == Decimal("300")
    # A second click: refused with a message, nothing more written.
    again = client.post(renew_url, follow=True)
    assert membership.renewals.count() == 1
    assert [m.level_tag for m in again.context["messages"]][-1] == "error"
    # Now it waits for the team, and the button has gone.
    page = client.get(reverse("myspace:home"))
    assert renew_url not in page.text
    assert reverse("membership:withdraw", args=[renewal.pk]) in page.text


def test_no_renew_button_outside_the_window(client, tier) -> None:
    membership = _own(tier, ends_in=200)
    client.force_login(membership.person.user)
    page = client.get(reverse("myspace:home"))
    assert reverse("membership:renew", args=[membership.pk]) not in page.text
    assert reverse("membership:receipt", args=[membership.pk]) in page.text


def test_others_cannot_renew_and_get_404(client, tier) -> None:
    membership = _own(tier, ends_in=20)
    client.force_login(PersonFactory().user)
    assert client.post(reverse("membership:renew", args=[membership.pk])).status_code == 404
    assert client.get(reverse("membership:renew", args=[membership.pk])).status_code in (404, 405)
    assert not membership.renewals.exists()


def test_the_states_a_member_reads(tier) -> None:
    person = PersonFactory()
    today = timezone.localdate()
    paid = _own(tier, ends_in=100, person=person)
    unpaid = _own(tier, ends_in=100, person=PersonFactory(), amount_due=Decimal("300"))
    ended = _own(tier, ends_in=-10, person=PersonFactory())
    waiting = _own(tier, ends_in=300, person=PersonFactory(), status=MembershipStatus.APPLIED)
    states = {}
    for m in (paid, unpaid, ended, waiting):
        (row,) = memberships_of(person=m.person, today=today)
        states[m.pk] = row.state
    assert states == {
        paid.pk: "standing",
        unpaid.pk: "unpaid",
        ended.pk: "ended",
        waiting.pk: "waiting",
    }


def test_my_space_reads_memberships_in_a_fixed_number_of_queries(client, tier) -> None:
    person = PersonFactory()
    client.force_login(person.user)
    client.get(reverse("myspace:home"))

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("myspace:home")).status_code == 200
        return len(queries)

    def organisation_membership() -> None:
        organisation = AffiliationFactory(person=person).organisation
        AffiliationFactory(organisation=organisation)
        MembershipFactory(organisation=organisation, tier=tier)

    _own(tier, ends_in=20, person=person)
    organisation_membership()
    one = count()
    for _ in range(4):
        organisation_membership()
    assert count() == one


# --- Who votes for an organisation ------------------------------------------------------


@pytest.fixture
def organisation_membership(tier):
    membership = MembershipFactory(tier=tier)
    first = AffiliationFactory(organisation=membership.organisation).person
    second = AffiliationFactory(organisation=membership.organisation).person
    return membership, first, second


def test_an_organisations_person_designates_who_votes(client, organisation_membership) -> None:
    membership, first, second = organisation_membership
    client.force_login(first.user)
    page = client.get(reverse("myspace:home"))
    assert reverse("membership:representative", args=[membership.pk]) in page.text
    assert second.full_name in page.text
    response = client.post(
        reverse("membership:representative", args=[membership.pk]),
        {"representative": second.pk},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.representative == second
    assert AuditEntry.objects.filter(action="membership.representative").count() == 1
    # And the roll frozen afterwards has that person vote in the organisation's name.
    hall = hall_make(0)  # an assembly whose roll is frozen now
    voter = hall.assembly.voters.get(organisation=membership.organisation)
    assert voter.person == second


def test_designating_someone_outside_the_organisation_is_refused(
    client, organisation_membership
) -> None:
    membership, first, _second = organisation_membership
    outsider = PersonFactory()
    client.force_login(first.user)
    response = client.post(
        reverse("membership:representative", args=[membership.pk]),
        {"representative": outsider.pk},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    membership.refresh_from_db()
    assert membership.representative is None
    with pytest.raises(BusinessError):
        services.membership_representative_set(
            membership=membership, person=outsider, by=first.user
        )
    assert membership.representative is None


def test_the_choice_lists_only_the_people_shown_as_the_organisations(
    client, organisation_membership
) -> None:
    """A colleague who hides their organisations, or is not listed, is not offered to the
    others (nor accepted by the service); they may still designate themself."""
    membership, first, second = organisation_membership
    hidden = AffiliationFactory(
        organisation=membership.organisation,
        person=PersonFactory(first_name="Discrète", affiliations_visibility="private"),
    ).person
    unlisted = AffiliationFactory(
        organisation=membership.organisation,
        person=PersonFactory(first_name="Absente", is_listed=False),
    ).person
    client.force_login(first.user)
    page = client.get(reverse("myspace:home"))
    assert second.full_name in page.text
    assert hidden.full_name not in page.text and unlisted.full_name not in page.text
    for person in (hidden, unlisted):
        with pytest.raises(BusinessError):
            services.membership_representative_set(
                membership=membership, person=person, by=first.user
            )
    services.membership_representative_set(membership=membership, person=hidden, by=hidden.user)
    membership.refresh_from_db()
    assert membership.representative == hidden


def test_each_membership_has_its_own_field_ids(client, organisation_membership, tier) -> None:
    _membership, first, _second = organisation_membership
    other = AffiliationFactory(person=first).organisation
    MembershipFactory(organisation=other, tier=tier)
    client.force_login(first.user)
    page = client.get(reverse("myspace:home")).text
    import re

    ids = re.findall(r'<select name="representative" id="([^"]+)"', page)
    assert len(ids) == 2 and len(set(ids)) == 2
    for select_id in ids:
        assert f'for="{select_id}"' in page


def test_a_designation_reaches_the_renewal_already_made(organisation_membership, tier) -> None:
    membership, first, second = organisation_membership
    today = timezone.localdate()
    Membership.objects.filter(pk=membership.pk).update(ends_on=today + dt.timedelta(days=20))
    membership.refresh_from_db()
    renewal = services.membership_renew_request(membership=membership, by=first.user)
    services.membership_representative_set(membership=membership, person=second, by=first.user)
    renewal.refresh_from_db()
    assert renewal.representative == second


def test_designation_is_for_the_organisations_people_only(client, organisation_membership):
    membership, _first, second = organisation_membership
    client.force_login(PersonFactory().user)
    url = reverse("membership:representative", args=[membership.pk])
    assert client.post(url, {"representative": second.pk}).status_code == 404
    membership.refresh_from_db()
    assert membership.representative is None


def test_a_persons_membership_designates_nobody(tier) -> None:
    membership = _own(tier, ends_in=100)
    with pytest.raises(BusinessError):
        services.membership_representative_set(
            membership=membership, person=membership.person, by=membership.person.user
        )


# --- The receipt ------------------------------------------------------------------------


@pytest.fixture
def paid_membership(tier, team):
    membership = _own(tier, ends_in=200, amount_due=Decimal("300"))
    actor_services.payment_record(
        membership=membership,
        paid_on=timezone.localdate() - dt.timedelta(days=3),
        amount=Decimal("120"),
        method="transfer",
        reference="VIR-2026-118",
        by=team,
    )
    return membership, team


def test_the_holder_reads_a_receipt_with_its_payments(client, paid_membership) -> None:
    membership, _team = paid_membership
    client.force_login(membership.person.user)
    page = client.get(reverse("membership:receipt", args=[membership.pk]))
    assert page.status_code == 200
    assert membership.receipt_number in page.text
    assert "VIR-2026-118" in page.text
    assert "120,00" in page.text and "180,00" in page.text  # received, then left to pay
    assert membership.person.full_name in page.text
    assert f"Du {format_date(membership.starts_on, 'j F Y')} au " in page.text
    address = settings.ALLIAGE_BASE_URL.rstrip("/") + reverse(
        "membership:receipt", args=[membership.pk]
    )
    assert address in page.text


def test_the_receipt_in_english(client, paid_membership) -> None:
    membership, _team = paid_membership
    client.force_login(membership.person.user)
    page = client.get("/en" + reverse("membership:receipt", args=[membership.pk]))
    assert page.status_code == 200
    assert "Membership receipt" in page.text and "Bank transfer" in page.text
    assert "120.00" in page.text


def test_the_team_reads_the_receipt_and_others_get_404(client, paid_membership) -> None:
    membership, team = paid_membership
    url = reverse("membership:receipt", args=[membership.pk])
    client.force_login(team)
    assert client.get(url).status_code == 200
    client.force_login(PersonFactory().user)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize(
    "status", [MembershipStatus.APPLIED, MembershipStatus.DECLINED, MembershipStatus.WITHDRAWN]
)
def test_only_an_accepted_membership_has_a_receipt(client, tier, status) -> None:
    membership = _own(tier, ends_in=300, status=status)
    client.force_login(membership.person.user)
    assert client.get(reverse("membership:receipt", args=[membership.pk])).status_code == 404


def test_the_receipt_is_never_stored_and_says_when_nothing_is_due(client, tier) -> None:
    membership = _own(tier, ends_in=100)  # imported: nothing due
    client.force_login(membership.person.user)
    page = client.get(reverse("membership:receipt", args=[membership.pk]))
    assert "no-store" in page["Cache-Control"]
    assert "Aucune cotisation n'est due pour cette adhésion." in page.text
    assert "Aucun paiement" not in page.text

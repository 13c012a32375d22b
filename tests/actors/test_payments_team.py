"""A membership's team page: its payments (recorded and removed there) and the person who
votes in an organisation's name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from alliage.actors import services
from alliage.actors.models import Membership, Payment
from alliage.core.errors import BusinessError
from alliage.core.models import AuditEntry

from ..factories import (
    AffiliationFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    team_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return team_member(ProgrammeFactory())


@pytest.fixture
def membership():
    return MembershipFactory(tier="small", amount_due=Decimal("300"))


def pay(membership, by, amount="100", **extra):
    return services.payment_record(
        membership=membership,
        paid_on=dt.date(2026, 3, 2),
        amount=Decimal(amount),
        method=extra.pop("method", "cheque"),
        reference=extra.pop("reference", "CHQ-0042"),
        by=by,
    )


# --- Payments --------------------------------------------------------------------------


def test_the_page_shows_payments_and_the_balance(client, team, membership) -> None:
    pay(membership, team, "120.50")
    client.force_login(team)
    page = client.get("/en" + reverse("team:actors:membership-edit", args=[membership.pk]))
    assert page.status_code == 200
    assert "CHQ-0042" in page.text
    assert "Cheque" in page.text
    assert "120.50\xa0€" in page.text
    assert "300.00\xa0€" in page.text
    assert "179.50\xa0€" in page.text  # remaining
    assert team.person.full_name in page.text
    form = page.context["payment_form"]
    assert form.initial["amount"] == Decimal("179.50")
    assert form.initial["paid_on"] == timezone.localdate()
    assert reverse("team:actors:payment-create", args=[membership.pk]) in page.text
    payment = membership.payments.get()
    assert reverse("team:actors:payment-remove", args=[membership.pk, payment.pk]) in page.text


def test_a_payment_beyond_what_is_due_is_told(client, team, membership) -> None:
    pay(membership, team, str(membership.amount_due + 50))
    client.force_login(team)
    page = client.get("/en" + reverse("team:actors:membership-edit", args=[membership.pk]))
    assert "Nothing: 50.00\xa0€ paid beyond what is due." in page.text


def test_record_a_payment(client, team, membership) -> None:
    client.force_login(team)
    response = client.post(
        reverse("team:actors:payment-create", args=[membership.pk]),
        {"paid_on": "2026-04-01", "amount": "300", "method": "transfer", "reference": "VIR 12"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("team:actors:membership-edit", args=[membership.pk])
    )
    payment = membership.payments.get()
    assert (payment.amount, payment.method, payment.reference) == (
        Decimal("300"),
        "transfer",
        "VIR 12",
    )
    assert payment.recorded_by == team
    membership.refresh_from_db()
    assert membership.amount_paid == Decimal("300")
    assert membership.is_paid
    assert AuditEntry.objects.filter(action="payment.recorded", actor=team).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"paid_on": "2026-04-01", "amount": "0", "method": "cheque"},
        {"paid_on": "2026-04-01", "amount": "-5", "method": "cheque"},
        {"paid_on": "2026-04-01", "amount": "abc", "method": "cheque"},
        {"paid_on": "2026-04-01", "amount": "100", "method": "bitcoin"},
        {"paid_on": "pas une date", "amount": "100", "method": "cheque"},
        {"paid_on": "2026-04-01", "amount": "100", "method": "cheque", "reference": "x" * 200},
        # beyond what any membership costs: the service refuses it
        {"paid_on": "2026-04-01", "amount": "250000", "method": "cheque"},
    ],
)
def test_a_refused_payment_writes_nothing(client, team, membership, data) -> None:
    client.force_login(team)
    response = client.post(reverse("team:actors:payment-create", args=[membership.pk]), data)
    assert response.status_code == 200
    assert response.context["payment_form"].errors
    assert response.context["membership"] == membership
    assert not Payment.objects.exists()
    membership.refresh_from_db()
    assert membership.amount_paid == 0
    assert not AuditEntry.objects.filter(action="payment.recorded").exists()


def test_remove_a_payment(client, team, membership) -> None:
    kept = pay(membership, team, "100")
    gone = pay(membership, team, "50")
    client.force_login(team)
    response = client.post(reverse("team:actors:payment-remove", args=[membership.pk, gone.pk]))
    assert response.status_code == 302
    assert list(membership.payments.all()) == [kept]
    membership.refresh_from_db()
    assert membership.amount_paid == Decimal("100")
    assert AuditEntry.objects.filter(action="payment.removed", actor=team).exists()


def test_a_payment_of_another_membership_is_not_found(client, team, membership) -> None:
    other = MembershipFactory(amount_due=Decimal("100"))
    theirs = pay(other, team, "100")
    client.force_login(team)
    response = client.post(reverse("team:actors:payment-remove", args=[membership.pk, theirs.pk]))
    assert response.status_code == 404
    assert Payment.objects.filter(pk=theirs.pk).exists()
    other.refresh_from_db()
    assert other.amount_paid == Decimal("100")


def test_payment_pages_refuse_who_is_not_on_a_team(client, team, membership) -> None:
    payment = pay(membership, team, "100")
    client.force_login(PersonFactory().user)
    data = {"paid_on": "2026-04-01", "amount": "10", "method": "cash"}
    assert (
        client.post(reverse("team:actors:payment-create", args=[membership.pk]), data).status_code
        == 403
    )
    assert (
        client.post(
            reverse("team:actors:payment-remove", args=[membership.pk, payment.pk])
        ).status_code
        == 403
    )
    assert list(membership.payments.all()) == [payment]
    client.logout()
    response = client.post(reverse("team:actors:payment-create", args=[membership.pk]), data)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert membership.payments.count() == 1


def test_get_on_the_payment_views_is_not_allowed(client, team, membership) -> None:
    client.force_login(team)
    assert (
        client.get(reverse("team:actors:payment-create", args=[membership.pk])).status_code == 405
    )


def test_an_unknown_membership_is_a_404(client, team) -> None:
    client.force_login(team)
    data = {"paid_on": "2026-04-01", "amount": "10", "method": "cash"}
    assert (
        client.post(reverse("team:actors:payment-create", args=[999999]), data).status_code == 404
    )


# --- The organisation's representative -----------------------------------------------------


def membership_data(membership: Membership, **overrides: object) -> dict[str, object]:
    data = {
        "organisation": membership.organisation_id or "",
        "person_email": membership.person.user.email if membership.person else "",
        "tier": membership.tier_id,
        "starts_on": membership.starts_on.isoformat(),
        "ends_on": membership.ends_on.isoformat(),
        "amount_due": str(membership.amount_due),
        "representative": "",
    }
    data.update(overrides)
    return data


def test_the_team_designates_the_representative(client, team, membership) -> None:
    voter = AffiliationFactory(organisation=membership.organisation).person
    stranger = AffiliationFactory().person  # affiliated, but elsewhere
    client.force_login(team)
    page = client.get(reverse("team:actors:membership-edit", args=[membership.pk]))
    choices = list(page.context["form"].fields["representative"].queryset)
    assert voter in choices
    assert stranger not in choices
    response = client.post(
        reverse("team:actors:membership-edit", args=[membership.pk]),
        membership_data(membership, representative=voter.pk),
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.representative == voter
    entry = AuditEntry.objects.filter(action="membership.saved").latest("pk")
    assert entry.data["fields"] == ["representative"]
    page = client.get(reverse("team:actors:membership-list"))
    assert voter.full_name in page.text
    # and cleared
    client.post(
        reverse("team:actors:membership-edit", args=[membership.pk]), membership_data(membership)
    )
    membership.refresh_from_db()
    assert membership.representative is None


def test_a_representative_from_elsewhere_is_refused(client, team, membership) -> None:
    stranger = AffiliationFactory().person
    client.force_login(team)
    response = client.post(
        reverse("team:actors:membership-edit", args=[membership.pk]),
        membership_data(membership, representative=stranger.pk),
    )
    assert response.status_code == 200
    assert "representative" in response.context["form"].errors
    membership.refresh_from_db()
    assert membership.representative is None


def test_a_persons_membership_has_no_representative(client, team) -> None:
    holder = PersonFactory()
    membership = MembershipFactory(organisation=None, person=holder, tier="individual")
    someone = AffiliationFactory().person
    client.force_login(team)
    page = client.get(reverse("team:actors:membership-edit", args=[membership.pk]))
    assert not page.context["form"].fields["representative"].queryset.exists()
    response = client.post(
        reverse("team:actors:membership-edit", args=[membership.pk]),
        membership_data(membership, representative=someone.pk),
    )
    assert response.status_code == 200
    assert "representative" in response.context["form"].errors
    membership.refresh_from_db()
    assert membership.representative is None


def test_membership_save_checks_the_representative(team, membership) -> None:
    stranger = AffiliationFactory().person
    common = {
        "by": team,
        "membership": membership,
        "tier": membership.tier,
        "starts_on": membership.starts_on,
        "ends_on": membership.ends_on,
    }
    with pytest.raises(BusinessError) as refused:
        services.membership_save(
            organisation=membership.organisation, representative=stranger, **common
        )
    assert refused.value.field == "representative"
    with pytest.raises(BusinessError):
        services.membership_save(person=stranger, representative=stranger, **common)
    membership.refresh_from_db()
    assert membership.representative is None
    assert membership.organisation is not None
    assert not AuditEntry.objects.filter(action="membership.saved").exists()


def test_membership_save_keeps_the_representative_unless_told(team, membership) -> None:
    voter = AffiliationFactory(organisation=membership.organisation).person
    common = {
        "by": team,
        "membership": membership,
        "tier": membership.tier,
        "starts_on": membership.starts_on,
        "ends_on": membership.ends_on,
    }
    services.membership_save(organisation=membership.organisation, representative=voter, **common)
    membership.refresh_from_db()
    # a caller that does not name it (the imports) keeps it
    services.membership_save(
        organisation=membership.organisation, amount_due=Decimal("10"), **common
    )
    membership.refresh_from_db()
    assert membership.representative == voter
    # another holder: the representative, not one of its people, goes
    services.membership_save(organisation=OrganisationFactory(), **common)
    membership.refresh_from_db()
    assert membership.representative is None

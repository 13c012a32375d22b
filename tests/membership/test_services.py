"""Membership, self-served: applying, withdrawing, the team's answer, payments, renewal in
one click and the reminders before the end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from alliage.actors import services as actor_services
from alliage.actors.models import Membership, MembershipStatus
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import AuditEntry
from alliage.membership import services
from alliage.notifications.models import Notification

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
    return TierFactory(code="trial", yearly_amount=Decimal("3000"), holder="any", is_open=True)


def test_a_person_applies_in_their_own_name(tier) -> None:
    person = PersonFactory()
    membership = services.membership_apply(tier=tier, by=person.user, message=" Bonjour ")
    assert membership.status == MembershipStatus.APPLIED
    assert membership.person == person and membership.organisation is None
    assert membership.applied_by == person.user and membership.applied_at is not None
    assert membership.amount_due == Decimal("3000") and membership.amount_paid == 0
    assert membership.starts_on == timezone.localdate()
    assert membership.ends_on == services.period_for(membership.starts_on)
    assert membership.message == "Bonjour"
    assert AuditEntry.objects.filter(action="membership.applied").count() == 1


def test_a_year_ends_the_day_before_its_anniversary() -> None:
    assert services.period_for(dt.date(2026, 3, 1)) == dt.date(2027, 2, 28)
    assert services.period_for(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_a_second_pending_application_is_refused_and_writes_nothing(tier) -> None:
    person = PersonFactory()
    services.membership_apply(tier=tier, by=person.user)
    with pytest.raises(BusinessError):
        services.membership_apply(tier=tier, by=person.user)
    assert Membership.objects.count() == 1
    assert AuditEntry.objects.filter(action="membership.applied").count() == 1


def test_applying_for_an_organisation_needs_an_affiliation(tier) -> None:
    person = PersonFactory()
    organisation = OrganisationFactory()
    with pytest.raises(BusinessError) as error:
        services.membership_apply(tier=tier, by=person.user, organisation=organisation)
    assert error.value.field == "organisation"
    assert not Membership.objects.exists()
    AffiliationFactory(person=person, organisation=organisation)
    membership = services.membership_apply(tier=tier, by=person.user, organisation=organisation)
    assert membership.organisation == organisation and membership.person is None


def test_only_a_tier_that_admits_the_holder_and_is_open() -> None:
    person = PersonFactory()
    for_organisations = TierFactory(code="orgs-only", holder="organisation", is_open=True)
    closed = TierFactory(code="closed", holder="any", is_open=False)
    for tier in (for_organisations, closed):
        with pytest.raises(BusinessError):
            services.membership_apply(tier=tier, by=person.user)
    assert not Membership.objects.exists()


def test_withdrawing_ones_pending_application(tier) -> None:
    person = PersonFactory()
    membership = services.membership_apply(tier=tier, by=person.user)
    with pytest.raises(BusinessError):
        services.membership_withdraw(membership=membership, by=PersonFactory().user)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPLIED
    services.membership_withdraw(membership=membership, by=person.user)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.WITHDRAWN
    with pytest.raises(BusinessError):
        services.membership_withdraw(membership=membership, by=person.user)
    # Withdrawn, it no longer blocks a new application.
    services.membership_apply(tier=tier, by=person.user)


def test_the_team_accepts_and_the_applicant_is_told(tier, team) -> None:
    person = PersonFactory()
    membership = services.membership_apply(tier=tier, by=person.user)
    with pytest.raises(PermissionRefused):
        actor_services.membership_decide(membership=membership, accept=True, by=person.user)
    actor_services.membership_decide(membership=membership, accept=True, by=team)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACCEPTED and membership.decided_at
    assert AuditEntry.objects.filter(action="membership.accepted").count() == 1
    assert Notification.objects.filter(
        recipient=person.user, kind=actor_services.MEMBERSHIP_ACCEPTED
    ).exists()
    with pytest.raises(BusinessError):
        actor_services.membership_decide(membership=membership, accept=False, by=team)


def test_the_team_declines(tier, team) -> None:
    person = PersonFactory()
    membership = services.membership_apply(tier=tier, by=person.user)
    actor_services.membership_decide(membership=membership, accept=False, by=team)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.DECLINED
    assert AuditEntry.objects.filter(action="membership.declined").count() == 1
    assert Notification.objects.filter(kind=actor_services.MEMBERSHIP_DECLINED).count() == 1


def test_payments_keep_the_amount_paid(tier, team) -> None:
    membership = MembershipFactory(tier=tier, amount_due=Decimal("3000"))
    today = timezone.localdate()
    first = actor_services.payment_record(
        membership=membership, paid_on=today, amount=Decimal("1000"), method="transfer", by=team
    )
    actor_services.payment_record(
        membership=membership, paid_on=today, amount=Decimal("2000"), method="cheque", by=team
    )
    membership.refresh_from_db()
    assert membership.amount_paid == Decimal("3000") and membership.is_paid
    actor_services.payment_remove(payment=first, by=team)
    membership.refresh_from_db()
    assert membership.amount_paid == Decimal("2000") and not membership.is_paid
    assert AuditEntry.objects.filter(action="payment.recorded").count() == 2
    assert AuditEntry.objects.filter(action="payment.removed").count() == 1


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5"), Decimal("1000000")])
def test_a_wrong_payment_is_a_field_error_and_writes_nothing(tier, team, amount) -> None:
    membership = MembershipFactory(tier=tier, amount_due=Decimal("3000"))
    with pytest.raises(BusinessError) as error:
        actor_services.payment_record(
            membership=membership,
            paid_on=timezone.localdate(),
            amount=amount,
            method="cash",
            by=team,
        )
    assert error.value.field == "amount"
    assert not membership.payments.exists()
    membership.refresh_from_db()
    assert membership.amount_paid == 0


def test_only_the_team_records_payments(tier) -> None:
    membership = MembershipFactory(tier=tier)
    with pytest.raises(PermissionRefused):
        actor_services.payment_record(
            membership=membership,
            paid_on=timezone.localdate(),
            amount=Decimal("10"),
            method="cash",
            by=PersonFactory().user,
        )
    assert not membership.payments.exists()


def test_team_created_memberships_are_due_the_tiers_amount(tier, team) -> None:
    today = timezone.localdate()
    organisation = OrganisationFactory()
    membership = actor_services.membership_save(
        by=team, tier=tier, starts_on=today, ends_on=today, organisation=organisation
    )
    assert membership.amount_due == Decimal("3000")
    other = actor_services.membership_save(
        by=team,
        tier=tier,
        starts_on=today,
        ends_on=today,
        person=PersonFactory(),
        amount_due=Decimal("50"),
    )
    assert other.amount_due == Decimal("50")


def test_renewal_in_one_click(tier) -> None:
    person = PersonFactory()
    old = MembershipFactory(
        organisation=None,
        person=person,
        tier=tier,
        starts_on=timezone.localdate() - dt.timedelta(days=340),
        ends_on=timezone.localdate() + dt.timedelta(days=20),
    )
    tier.yearly_amount = Decimal("3500")
    tier.save()
    with pytest.raises(BusinessError):
        services.membership_renew_request(membership=old, by=PersonFactory().user)
    renewal = services.membership_renew_request(membership=old, by=person.user)
    assert renewal.renews == old and renewal.status == MembershipStatus.APPLIED
    assert renewal.starts_on == old.ends_on + dt.timedelta(days=1)
    assert renewal.amount_due == Decimal("3500")
    with pytest.raises(BusinessError):
        services.membership_renew_request(membership=old, by=person.user)
    assert Membership.objects.count() == 2


def _reminders(kind=services.MEMBERSHIP_ENDING):
    return Notification.objects.filter(kind=kind)


def test_reminders_once_at_30_and_once_at_7_days(tier) -> None:
    start = timezone.now()
    person = PersonFactory()
    colleague = AffiliationFactory().person
    ends_on = timezone.localdate(start) + dt.timedelta(days=40)
    MembershipFactory(organisation=None, person=person, tier=tier, ends_on=ends_on)
    MembershipFactory(
        organisation=colleague.affiliations.get().organisation, tier=tier, ends_on=ends_on
    )
    # Renewed: no reminder.
    renewed = MembershipFactory(
        organisation=None, person=PersonFactory(), tier=tier, ends_on=ends_on
    )
    MembershipFactory(
        organisation=None,
        person=renewed.person,
        tier=tier,
        renews=renewed,
        status=MembershipStatus.APPLIED,
        starts_on=ends_on + dt.timedelta(days=1),
        ends_on=ends_on + dt.timedelta(days=365),
    )
    days = {}
    for day in range(0, 45):
        with time_machine.travel(start + dt.timedelta(days=day), tick=False):
            services.membership_reminders_send(timezone.now())
            services.membership_reminders_send(timezone.now())  # idempotent
            days[day] = _reminders().count()
    assert days[9] == 0 and days[10] == 2  # 30 days before: the person and the colleague
    assert days[32] == 2 and days[33] == 4  # 7 days before
    assert days[44] == 4
    assert set(_reminders().values_list("recipient", flat=True)) == {
        person.user.pk,
        colleague.user.pk,
    }

"""Reads of membership: the open tiers, a person's applications and memberships (with what
each allows today), one membership by its number, and who may vote for an organisation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from alliage.actors.models import Membership, MembershipStatus, Payment, Person, Tier
from alliage.actors.selectors import good_standing_q

from .services import RENEWAL_CLOSES_AFTER, holder_of_q, renewal_refusal


def open_tiers() -> QuerySet[Tier]:
    return Tier.objects.filter(is_open=True)


def pending_of(*, person: Person) -> list[Membership]:
    """The applications waiting for the team, of the person or of their organisations."""
    return list(
        Membership.objects.filter(status=MembershipStatus.APPLIED)
        .filter(holder_of_q(person=person))
        .select_related("organisation", "person", "tier")
        .distinct()
    )


def running_of(*, person: Person, today: dt.date) -> list[Membership]:
    """The accepted memberships of the person or their organisations that cover today or
    start later."""
    ids = Membership.objects.filter(holder_of_q(person=person)).values("pk")
    return list(
        Membership.objects.filter(
            pk__in=ids, status=MembershipStatus.ACCEPTED, ends_on__gte=today
        ).select_related("organisation", "person", "tier")
    )


def membership_detail(*, pk: int) -> Membership:
    return Membership.objects.select_related(
        "person__user", "organisation", "tier", "representative"
    ).get(pk=pk)


@dataclass(frozen=True)
class MyMembership:
    """One membership as its holder's page shows it: what is paid, whether it counts today,
    and whether it can be renewed in one click (and, if not, why)."""

    membership: Membership
    state: str  # waiting · standing · ended · future · unpaid
    renewal_refusal: str | None
    people: tuple[Person, ...]  # an organisation's: whom it may designate to vote

    @property
    def balance(self) -> Decimal:
        return max(self.membership.amount_due - self.membership.amount_paid, Decimal(0))

    @property
    def can_renew(self) -> bool:
        return self.renewal_refusal is None


def memberships_of(*, person: Person, today: dt.date) -> list[MyMembership]:
    """The memberships the person holds, themself or through an organisation: accepted and
    not ended more than the renewal window ago, or waiting for the team; latest first."""
    ids = Membership.objects.filter(holder_of_q(person=person)).values("pk")
    rows = list(
        Membership.objects.filter(
            pk__in=ids,
            status__in=(MembershipStatus.ACCEPTED, MembershipStatus.APPLIED),
            ends_on__gte=today - RENEWAL_CLOSES_AFTER,
        )
        .select_related("organisation", "person", "tier", "representative")
        .prefetch_related(
            "renewals",
            Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "pk")),
            "organisation__affiliations__person",
        )
        .order_by("-starts_on", "pk")
    )
    standing = set(
        Membership.objects.filter(good_standing_q(today), pk__in=[m.pk for m in rows]).values_list(
            "pk", flat=True
        )
    )
    return [
        MyMembership(
            membership=m,
            state=_state(m, today, in_good_standing=m.pk in standing),
            renewal_refusal=renewal_refusal(membership=m, today=today),
            people=tuple(
                sorted(
                    (a.person for a in m.organisation.affiliations.all()),
                    key=lambda p: p.full_name.lower(),
                )
            )
            if m.organisation_id
            else (),
        )
        for m in rows
    ]


def _state(m: Membership, today: dt.date, *, in_good_standing: bool) -> str:
    if m.status == MembershipStatus.APPLIED:
        return "waiting"
    if in_good_standing:
        return "standing"
    if m.ends_on < today:
        return "ended"
    if m.starts_on > today:
        return "future"
    return "unpaid"


def receipt_of(*, pk: int) -> Membership:
    """An accepted membership with its payments, for its receipt."""
    return (
        Membership.objects.filter(status=MembershipStatus.ACCEPTED)
        .select_related("person__user", "organisation", "tier", "representative")
        .prefetch_related(Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "pk")))
        .get(pk=pk)
    )

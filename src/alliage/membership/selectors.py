"""Reads of the membership page: the open tiers, a person's pending applications, one
membership by its number."""

from __future__ import annotations

from django.db.models import QuerySet

from alliage.actors.models import Membership, MembershipStatus, Person, Tier

from .services import holder_of_q


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


def membership_detail(*, pk: int) -> Membership:
    return Membership.objects.select_related("person", "organisation").get(pk=pk)

"""Reads of membership: the open tiers, a person's applications and memberships (with what
each allows today), one membership by its number, and who may vote for an organisation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from alliage.actors.models import (
    Affiliation,
    Membership,
    MembershipStatus,
    Person,
    Tier,
    person_listed_q,
)
from alliage.actors.selectors import good_standing_q, holder_of_q, visible_levels
from alliage.core.dates import format_date
from alliage.core.models import User

# Renewal in one click opens this many days before the end and stays open this many days
# after it: a member who missed the date renews rather than applying again.
RENEWAL_OPENS_BEFORE = dt.timedelta(days=60)
RENEWAL_CLOSES_AFTER = dt.timedelta(days=90)

# A membership that runs or may run: accepted by the team, or waiting for its answer.
RUNNING = (MembershipStatus.ACCEPTED, MembershipStatus.APPLIED)


def renewal_refusal(
    *, membership: Membership, others: list[Membership], today: dt.date
) -> str | None:
    """Why ``membership`` cannot be renewed in one click today, or None when it can: the one
    rule that the /me/ page, the renewal view and the service read. ``others`` are the
    holder's running memberships (accepted or applied; this one may be among them)."""
    if membership.status != MembershipStatus.ACCEPTED:
        return _("Only a membership the team accepted can be renewed.")
    others = [m for m in others if m.pk != membership.pk and m.status in RUNNING]
    if any(m.status == MembershipStatus.APPLIED for m in others):
        return _("An application for this member is already waiting for the team.")
    if any(m.ends_on > membership.ends_on for m in others):
        return _("This membership has already been renewed.")
    if not membership.tier.is_open or not membership.tier.admits(
        organisation=membership.organisation_id is not None
    ):
        return _("This tier is no longer offered: choose another on the membership page.")
    if membership.ends_on - today > RENEWAL_OPENS_BEFORE:
        return _("This membership can be renewed from %(date)s.") % {
            "date": format_date(membership.ends_on - RENEWAL_OPENS_BEFORE, "j F Y")
        }
    if today - membership.ends_on > RENEWAL_CLOSES_AFTER:
        return _("This membership ended too long ago: apply again from the membership page.")
    return None


def designatable_people(*, membership: Membership, viewer: User) -> list[Person]:
    """Whom the organisation's people may designate to vote in its name: its people whom
    the viewer may see among its people (listed, active, showing their organisations to
    this viewer), the viewer themself, and whoever is designated now."""
    shown = _shown_colleagues_q(viewer)
    if membership.representative_id:  # still one of its people
        shown |= Q(person_id=membership.representative_id)
    affiliations = Affiliation.objects.filter(
        shown, organisation_id=membership.organisation_id
    ).select_related("person")
    return _choices((a.person for a in affiliations), None)


def _held_by(person: Person) -> QuerySet[Membership]:
    """The memberships the person holds, themself or through their organisations, each once."""
    return Membership.objects.filter(
        pk__in=Membership.objects.filter(holder_of_q(person=person)).values("pk")
    )


def _choices(people: Iterable[Person], designated: Person | None) -> list[Person]:
    """Whom one may designate to vote for an organisation, by name: ``people`` and whoever is
    designated now."""
    chosen = set(people) | ({designated} if designated is not None else set())
    return sorted(chosen, key=lambda p: p.full_name.lower())


def open_tiers() -> QuerySet[Tier]:
    return Tier.objects.filter(is_open=True)


def pending_of(*, person: Person) -> list[Membership]:
    """The applications waiting for the team, of the person or of their organisations."""
    return list(
        _held_by(person)
        .filter(status=MembershipStatus.APPLIED)
        .select_related("organisation", "person", "tier")
    )


def running_of(*, person: Person, today: dt.date) -> list[Membership]:
    """The accepted memberships of the person or their organisations that cover today or
    start later."""
    return list(
        _held_by(person)
        .filter(status=MembershipStatus.ACCEPTED, ends_on__gte=today)
        .select_related("organisation", "person", "tier")
    )


def membership_detail(*, pk: int) -> Membership:
    return Membership.objects.select_related(
        "person__user", "organisation", "tier", "representative"
    ).get(pk=pk)


@dataclass(frozen=True)
class MyMembership:
    """One membership as its holder's page shows it: its state today, whether it can be
    renewed in one click (and, if not, why), and, on an organisation's latest running
    membership, whom it may designate to vote."""

    membership: Membership
    state: str  # waiting · standing · ended · future · unpaid · declined
    renewal_refusal: str | None
    people: tuple[Person, ...]  # empty: no designation on this row

    @property
    def can_renew(self) -> bool:
        return self.renewal_refusal is None


def _holder_key(m: Membership) -> tuple[str, int]:
    return ("o", m.organisation_id) if m.organisation_id else ("p", m.person_id)


def _shown_colleagues_q(viewer: User, prefix: str = "") -> Q:
    """An organisation's people the viewer may see listed there, and the viewer themself."""
    return (
        person_listed_q(f"{prefix}person__")
        & Q(**{f"{prefix}person__affiliations_visibility__in": visible_levels(viewer=viewer)})
    ) | Q(**{f"{prefix}person__user_id": viewer.pk})


def memberships_of(*, person: Person, today: dt.date) -> list[MyMembership]:
    """The memberships the person holds, themself or through an organisation: accepted or
    declined and not ended more than the renewal window ago, or waiting for the team;
    latest first."""
    rows = list(
        _held_by(person)
        .filter(
            status__in=(*RUNNING, MembershipStatus.DECLINED),
            ends_on__gte=today - RENEWAL_CLOSES_AFTER,
        )
        .select_related("organisation", "person", "tier", "representative")
        .prefetch_related(
            Prefetch(
                "organisation__affiliations",
                queryset=Affiliation.objects.filter(
                    _shown_colleagues_q(person.user)
                ).select_related("person"),
                to_attr="shown_affiliations",
            ),
        )
        .order_by("-starts_on", "-pk")
    )
    standing = set(
        Membership.objects.filter(good_standing_q(today), pk__in=[m.pk for m in rows]).values_list(
            "pk", flat=True
        )
    )
    by_holder: dict[tuple[str, int], list[Membership]] = {}
    for m in rows:
        if m.status in RUNNING:
            by_holder.setdefault(_holder_key(m), []).append(m)
    designating = {
        max(ms, key=lambda m: (m.ends_on, m.pk)).pk
        for key, ms in by_holder.items()
        if key[0] == "o"
    }
    result = []
    for m in rows:
        people: tuple[Person, ...] = ()
        if m.pk in designating and m.ends_on >= today:
            people = tuple(
                _choices((a.person for a in m.organisation.shown_affiliations), m.representative)
            )
        result.append(
            MyMembership(
                membership=m,
                state=_state(m, today, in_good_standing=m.pk in standing),
                renewal_refusal=renewal_refusal(
                    membership=m, others=by_holder.get(_holder_key(m), []), today=today
                ),
                people=people,
            )
        )
    return result


def _state(m: Membership, today: dt.date, *, in_good_standing: bool) -> str:
    if m.status == MembershipStatus.APPLIED:
        return "waiting"
    if m.status == MembershipStatus.DECLINED:
        return "declined"
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
        .prefetch_related("payments")  # oldest first, as payments are ordered
        .get(pk=pk)
    )

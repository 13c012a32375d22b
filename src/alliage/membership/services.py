"""Writes of membership, self-served: applying, withdrawing, renewal in one click, the person
who votes for an organisation, and the reminders before a membership ends."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.actors.audit import AuditAction
from alliage.actors.models import Membership, MembershipStatus, Organisation, Person, Tier
from alliage.actors.services import acting_person
from alliage.core.errors import BusinessError
from alliage.core.models import User
from alliage.core.services import audit_record, permission_require
from alliage.notifications.services import notification_send

from .selectors import RUNNING, designatable_people, renewal_refusal

MEMBERSHIP_ENDING = "membership.ending"

# A membership with no renewal ending within these windows (days from today) is reminded
# once per window: a month before, then a week before (a missed daily run loses nothing).
REMINDER_WINDOWS = ((30, 8), (7, 0))


def period_for(starts_on: dt.date) -> dt.date:
    """The last day of a year's membership starting on ``starts_on`` (29 February → 28th)."""
    try:
        next_year = starts_on.replace(year=starts_on.year + 1)
    except ValueError:
        next_year = starts_on.replace(year=starts_on.year + 1, day=28) + dt.timedelta(days=1)
    return next_year - dt.timedelta(days=1)


def _holder_lock(*, organisation_id: int | None, person_id: int | None) -> list[Membership]:
    """Lock the holder's row (the organisation or the person), so that two applications or
    renewals at once wait for each other, and read its running memberships after the lock
    (a row the other transaction added is then seen). Locking only the holder's memberships
    would not stop a new one being added beside them."""
    if organisation_id is not None:
        Organisation.objects.select_for_update().filter(pk=organisation_id).first()
        holder = Q(organisation_id=organisation_id)
    else:
        Person.objects.select_for_update().filter(pk=person_id).first()
        holder = Q(person_id=person_id)
    return list(Membership.objects.filter(holder, status__in=RUNNING).select_related("tier"))


@transaction.atomic
def membership_apply(
    *,
    tier: Tier,
    by: User,
    organisation: Organisation | None = None,
    starts_on: dt.date | None = None,
    message: str = "",
) -> Membership:
    """A signed-in person applies for ``tier``, in their own name or for an organisation they
    belong to; the team accepts or declines it. Nothing is written when it is refused."""
    person = acting_person(user=by, organisation=organisation)
    if not tier.is_open:
        raise BusinessError(_("This tier is not open to applications."), field="tier")
    if not tier.admits(organisation=organisation is not None):
        raise BusinessError(_("This tier is not for this kind of member."), field="tier")
    running = _holder_lock(
        organisation_id=organisation.pk if organisation else None,
        person_id=None if organisation else person.pk,
    )
    if any(m.status == MembershipStatus.APPLIED for m in running):
        raise BusinessError(_("An application for this member is already waiting for the team."))
    today = timezone.localdate()
    starts_on = max(starts_on or today, today)
    membership = Membership.objects.create(
        organisation=organisation,
        person=None if organisation else person,
        tier=tier,
        status=MembershipStatus.APPLIED,
        applied_by=by,
        applied_at=timezone.now(),
        message=message.strip(),
        amount_due=tier.yearly_amount,
        starts_on=starts_on,
        ends_on=period_for(starts_on),
    )
    audit_record(action=AuditAction.MEMBERSHIP_APPLIED, by=by, target=membership)
    return membership


@transaction.atomic
def membership_withdraw(*, membership: Membership, by: User) -> Membership:
    """The holder's people withdraw an application still waiting for the team."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    permission_require(
        by, "membership.act_for_membership", membership, _("This application is not yours.")
    )
    if membership.status != MembershipStatus.APPLIED:
        raise BusinessError(_("Only an application waiting for the team can be withdrawn."))
    membership.status = MembershipStatus.WITHDRAWN
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    audit_record(action=AuditAction.MEMBERSHIP_WITHDRAWN, by=by, target=membership)
    return membership


@transaction.atomic
def membership_renew_request(*, membership: Membership, by: User) -> Membership:
    """Renewal in one click: an application for the same tier at its current amount,
    starting the day after the old one ends (or today, for one that has lapsed), voting
    through the same person; the team accepts it as any other. Refused, with nothing
    written, when ``renewal_refusal`` says why."""
    permission_require(
        by, "membership.act_for_membership", membership, _("This membership is not yours.")
    )
    running = _holder_lock(
        organisation_id=membership.organisation_id, person_id=membership.person_id
    )
    membership = Membership.objects.select_related("tier").get(pk=membership.pk)
    if refusal := renewal_refusal(
        membership=membership, others=running, today=timezone.localdate()
    ):
        raise BusinessError(refusal)
    starts_on = max(membership.ends_on + dt.timedelta(days=1), timezone.localdate())
    renewal = Membership.objects.create(
        organisation_id=membership.organisation_id,
        person_id=membership.person_id,
        tier=membership.tier,
        status=MembershipStatus.APPLIED,
        renews=membership,
        applied_by=by,
        applied_at=timezone.now(),
        amount_due=membership.tier.yearly_amount,
        starts_on=starts_on,
        ends_on=period_for(starts_on),
        representative=membership.representative,
    )
    audit_record(action=AuditAction.MEMBERSHIP_APPLIED, by=by, target=renewal, renews=membership.pk)
    return renewal


@transaction.atomic
def membership_representative_set(
    *, membership: Membership, person: Person | None, by: User
) -> Membership:
    """The organisation's people designate which of them votes in its name at assemblies
    (``None``: the roll's chair picks one), on this membership and on the renewals already
    made after it. It applies to the rolls frozen from now on; a roll already frozen keeps its
    line, which the assembly's chair may change."""
    permission_require(
        by, "membership.act_for_membership", membership, _("This membership is not yours.")
    )
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.organisation_id is None:
        raise BusinessError(_("A person's membership votes through that person."))
    if membership.status not in RUNNING or membership.ends_on < timezone.localdate():
        raise BusinessError(_("This membership is no longer running."))
    if person is not None and person.pk not in {
        p.pk for p in designatable_people(membership=membership, viewer=by)
    }:
        raise BusinessError(_("Choose one of the organisation's people."), field="representative")
    later = Membership.objects.filter(
        organisation_id=membership.organisation_id,
        status__in=RUNNING,
        ends_on__gte=membership.ends_on,
    )
    later.update(representative=person)
    membership.representative = person
    audit_record(
        action=AuditAction.MEMBERSHIP_REPRESENTATIVE_DESIGNATED,
        by=by,
        target=membership,
        person=person.pk if person else None,
    )
    return membership


def _holder_users(membership: Membership) -> list[User]:
    if membership.person_id is not None:
        return [membership.person.user] if membership.person.user_id else []
    users = [
        a.person.user
        for a in membership.organisation.affiliations.select_related("person__user")
        if a.person.user_id
    ]
    if membership.representative_id and membership.representative.user_id:
        users.append(membership.representative.user)
    return users


def membership_reminders_send(now: dt.datetime) -> int:
    """30 and 7 days before the end of an accepted membership with no renewal (accepted or
    waiting), tell its people; once each, however often this runs."""
    today = timezone.localdate(now)
    made = 0
    for days, nearest in REMINDER_WINDOWS:
        ending = (
            Membership.objects.filter(
                status=MembershipStatus.ACCEPTED,
                ends_on__lte=today + dt.timedelta(days=days),
                ends_on__gte=today + dt.timedelta(days=nearest),
            )
            .exclude(renewals__status__in=(MembershipStatus.ACCEPTED, MembershipStatus.APPLIED))
            .select_related("person__user", "organisation", "representative__user", "tier")
        )
        for membership in ending:
            made += len(
                notification_send(
                    kind=MEMBERSHIP_ENDING,
                    recipients=_holder_users(membership),
                    url=reverse("myspace:home") + "#my-membership",
                    context={
                        "holder": str(membership.holder),
                        "date": membership.ends_on.isoformat(),
                        "days": (membership.ends_on - today).days,
                    },
                    once=f"{membership.pk}:{days}",
                )
            )
    return made

"""Permission predicates on events; each caches what it reads on the user or the event."""

from __future__ import annotations

import rules
from django.utils import timezone

from alliage.actors.selectors import person_is_member
from alliage.coalitions.models import CoalitionMember
from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User
from alliage.core.predicates import object_predicate

from .models import Audience, Event, EventStatus, RegistrationStatus


def _person_id(user: User) -> int | None:
    if not user.is_authenticated:
        return None
    if "_person_id" not in user.__dict__:
        person = getattr(user, "person", None)
        user.__dict__["_person_id"] = person.pk if person else None
    return user.__dict__["_person_id"]


def registration_status(user: User, event: Event) -> str | None:
    """The user's registration status for the event, or None; read once per pair."""
    person_id = _person_id(user)
    if person_id is None:
        return None
    cache: dict[int, str | None] = event.__dict__.setdefault("_registration_cache", {})
    if person_id not in cache:
        cache[person_id] = (
            event.registrations.filter(person_id=person_id).values_list("status", flat=True).first()
        )
    return cache[person_id]


@rules.predicate
def is_adherent(user: User) -> bool:
    """Holds a current membership (adhésion), personally or through an organisation."""
    person_id = _person_id(user)
    if person_id is None:
        return False
    if "_is_adherent" not in user.__dict__:
        user.__dict__["_is_adherent"] = person_is_member(person=user.person)
    return user.__dict__["_is_adherent"]


@object_predicate
def is_event_team(user: User, event: Event) -> bool:
    """The team of the event's programme runs it."""
    return event.programme_id in team_programme_ids(user)


@object_predicate
def is_public_event(user: User, event: Event) -> bool:
    return event.audience == Audience.PUBLIC


@object_predicate
def is_members_event(user: User, event: Event) -> bool:
    return event.audience == Audience.MEMBERS


@object_predicate
def is_in_event_coalition(user: User, event: Event) -> bool:
    """For a coalition's event: the user has a role in that coalition."""
    if event.audience != Audience.COALITION or not event.coalition_id:
        return False
    person_id = _person_id(user)
    if person_id is None:
        return False
    if "_in_coalition" not in event.__dict__:
        event.__dict__["_in_coalition"] = {}
    cache = event.__dict__["_in_coalition"]
    if person_id not in cache:
        cache[person_id] = CoalitionMember.objects.filter(
            coalition_id=event.coalition_id, person_id=person_id
        ).exists()
    return cache[person_id]


@object_predicate
def is_invited(user: User, event: Event) -> bool:
    """For an event on invitation: the user's person is on the list."""
    if event.audience != Audience.INVITATION:
        return False
    person_id = _person_id(user)
    return person_id is not None and event.invited.filter(pk=person_id).exists()


@object_predicate
def is_registered(user: User, event: Event) -> bool:
    """Holds a seat (confirmed or attended), not a waiting-list place."""
    return registration_status(user, event) in (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.ATTENDED,
    )


@object_predicate
def has_any_registration(user: User, event: Event) -> bool:
    status = registration_status(user, event)
    return status is not None and status != RegistrationStatus.CANCELLED


@object_predicate
def has_public_link(user: User, event: Event) -> bool:
    return event.online_url_public


@object_predicate
def is_registration_open(user: User, event: Event) -> bool:
    """Scheduled, not started, and within the registration window if it has one."""
    now = timezone.now()
    return (
        event.status == EventStatus.SCHEDULED
        and event.starts_at > now
        and (event.registration_opens_at is None or event.registration_opens_at <= now)
        and (event.registration_closes_at is None or now < event.registration_closes_at)
    )

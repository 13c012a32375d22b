"""Permission predicates on events; each keeps what it reads on the user or the event (``memo``),
so that a page asking many questions reads the database once per answer."""

from __future__ import annotations

import rules

from alliage.actors.selectors import person_is_member
from alliage.coalitions.models import CoalitionMember
from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User
from alliage.core.predicates import memo, object_predicate

from .models import HELD, Audience, Event, RegistrationStatus


def _person_id(user: User) -> int | None:
    if not user.is_authenticated:
        return None

    def read() -> int | None:
        person = getattr(user, "person", None)
        return person.pk if person else None

    return memo(user, "agenda.person_id", read)


def registration_status(user: User, event: Event) -> str | None:
    """The user's registration status for the event, or None; read once per pair."""
    person_id = _person_id(user)
    if person_id is None:
        return None
    return memo(
        event,
        ("agenda.registration_status", person_id),
        lambda: (
            event.registrations.filter(person_id=person_id).values_list("status", flat=True).first()
        ),
    )


@rules.predicate
def is_adherent(user: User) -> bool:
    """Holds a membership (adhésion) in good standing of a tier that includes the members'
    events, personally or through an organisation."""
    if _person_id(user) is None:
        return False
    return memo(
        user,
        "agenda.is_adherent",
        lambda: person_is_member(person=user.person, for_events=True),
    )


@object_predicate
def is_event_team(user: User, event: Event) -> bool:
    """The team of the event's programme runs it."""
    return event.programme_id in team_programme_ids(user)


@object_predicate
def is_public_event(user: User, event: Event) -> bool:
    """Open to everyone, signed in or not."""
    return event.audience == Audience.PUBLIC


@object_predicate
def is_members_event(user: User, event: Event) -> bool:
    """Reserved for adhérents (``is_adherent`` says who they are)."""
    return event.audience == Audience.MEMBERS


@object_predicate
def is_in_event_coalition(user: User, event: Event) -> bool:
    """For a coalition's event: the user has a role in that coalition."""
    if event.audience != Audience.COALITION or not event.coalition_id:
        return False
    person_id = _person_id(user)
    if person_id is None:
        return False
    return memo(
        event,
        ("agenda.in_coalition", person_id),
        lambda: CoalitionMember.objects.filter(
            coalition_id=event.coalition_id, person_id=person_id
        ).exists(),
    )


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
    return registration_status(user, event) in HELD


@object_predicate
def has_any_registration(user: User, event: Event) -> bool:
    """A seat or a waiting-list place: who registered keeps the page even if the audience
    changed since."""
    status = registration_status(user, event)
    return status is not None and status != RegistrationStatus.CANCELLED


@object_predicate
def has_public_link(user: User, event: Event) -> bool:
    """The team chose to show the online link to everyone."""
    return event.online_url_public

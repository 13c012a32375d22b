"""Reads of the agenda, filtered to what the viewer may see (mirrors ``rules.see_event``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from alliage.actors.models import Person
from alliage.actors.selectors import person_for_user, person_is_member
from alliage.coalitions.models import CoalitionMember
from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User

from .models import Audience, Event, Registration, RegistrationStatus

RECENT = dt.timedelta(days=60)


def event_visible_q(viewer: User) -> Q:
    if viewer.is_authenticated and viewer.is_superuser:
        return Q()
    visible = Q(audience=Audience.PUBLIC)
    person = person_for_user(user=viewer)
    if viewer.is_authenticated:
        visible |= Q(programme_id__in=team_programme_ids(viewer))
    if person is not None:
        if person_is_member(person=person):
            visible |= Q(audience=Audience.MEMBERS)
        visible |= Q(
            audience=Audience.COALITION,
            coalition__in=CoalitionMember.objects.filter(person=person).values("coalition_id"),
        )
        visible |= Q(audience=Audience.INVITATION) & Q(
            Exists(Event.invited.through.objects.filter(event_id=OuterRef("pk"), person=person))
        )
        visible |= Q(
            Exists(
                Registration.objects.filter(event=OuterRef("pk"), person=person).exclude(
                    status=RegistrationStatus.CANCELLED
                )
            )
        )
    return visible


def event_list(
    *, viewer: User, when: str = "upcoming", programme: str = "", kind: str = ""
) -> QuerySet[Event]:
    """Upcoming events soonest first, or past ones latest first; one query for the page."""
    now = timezone.now()
    qs = Event.objects.filter(event_visible_q(viewer)).distinct()
    qs = qs.filter(ends_at__gte=now) if when == "upcoming" else qs.filter(ends_at__lt=now)
    if programme:
        qs = qs.filter(programme__slug=programme)
    if kind:
        qs = qs.filter(kind=kind)
    qs = qs.select_related("programme", "coalition").annotate(
        seats_taken=Count(
            "registrations",
            filter=Q(
                registrations__status__in=(
                    RegistrationStatus.CONFIRMED,
                    RegistrationStatus.ATTENDED,
                )
            ),
        )
    )
    return (
        qs.order_by("starts_at", "id") if when == "upcoming" else qs.order_by("-starts_at", "-id")
    )


def events_in_range(*, viewer: User, start: dt.datetime, end: dt.datetime) -> QuerySet[Event]:
    return (
        Event.objects.filter(event_visible_q(viewer), starts_at__lt=end, ends_at__gt=start)
        .distinct()
        .select_related("programme")
        .order_by("starts_at", "id")
    )


def event_detail(*, slug: str) -> Event:
    return Event.objects.select_related("programme", "coalition", "series").get(slug=slug)


def event_seats(*, event: Event) -> dict[str, int]:
    counts = dict(event.registrations.values_list("status").annotate(n=Count("id")).order_by())
    held = counts.get(RegistrationStatus.CONFIRMED, 0) + counts.get(RegistrationStatus.ATTENDED, 0)
    return {
        "taken": held,
        "waiting": counts.get(RegistrationStatus.WAITLISTED, 0),
        "left": max(event.capacity - held, 0) if event.capacity is not None else -1,
    }


def registration_for(*, event: Event, user: User) -> Registration | None:
    person = person_for_user(user=user)
    if person is None:
        return None
    return Registration.objects.filter(event=event, person=person).first()


def waitlist_position(*, registration: Registration) -> int:
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=RegistrationStatus.WAITLISTED,
            queued_at__lte=registration.queued_at,
        )
        .exclude(queued_at=registration.queued_at, id__gt=registration.id)
        .count()
    )


def registrations_of(*, person: Person) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(person=person)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event__programme")
        .order_by("event__starts_at")
    )


def attendees(*, event: Event) -> QuerySet[Registration]:
    return (
        event.registrations.select_related("person__user")
        .prefetch_related("person__affiliations__organisation")
        .order_by("status", "queued_at", "id")
    )


def public_feed_events(*, programme_id: int | None = None, coalition_id: int | None = None):
    """Public events from 60 days ago onwards, for calendar feeds."""
    qs = Event.objects.filter(audience=Audience.PUBLIC, ends_at__gte=timezone.now() - RECENT)
    if programme_id:
        qs = qs.filter(programme_id=programme_id)
    if coalition_id:
        qs = qs.filter(coalition_id=coalition_id)
    return qs.select_related("programme").order_by("starts_at", "id")


def events_with_seat(*, person: Person) -> set[int]:
    """Events where the person holds a seat: the private online link is theirs."""
    return set(
        Registration.objects.filter(
            person=person,
            status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED),
        ).values_list("event_id", flat=True)
    )


def personal_feed_events(*, person: Person) -> QuerySet[Event]:
    return (
        Event.objects.filter(
            registrations__person=person,
            registrations__status__in=(
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.WAITLISTED,
                RegistrationStatus.ATTENDED,
            ),
        )
        .select_related("programme")
        .order_by("starts_at", "id")
        .distinct()
    )

"""Reads of the agenda, filtered to what the viewer may see (mirrors ``rules.see_event``), and
where a viewer stands with an event's registration (``registration_state``: the service, the
page and the API all read it)."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.actors.models import Person
from alliage.actors.selectors import person_for_user, person_is_member
from alliage.coalitions.models import CoalitionMember
from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User
from alliage.core.search import SearchIndex, Text, text_search

from .models import (
    HELD,
    Audience,
    CalendarToken,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Series,
)

# What the agenda's search looks through (core.search keeps its index).
SEARCH_INDEX = SearchIndex(
    model="agenda.Event", title=(Text("title"),), body=(Text("description"), Text("place"))
)

RECENT = dt.timedelta(days=60)
# How far ahead a public calendar feed reaches (a series keeps a year of dates ahead).
FEED_AHEAD = dt.timedelta(days=400)


def event_visible_q(viewer: User) -> Q:
    """The events the viewer may see, as a filter; the list twin of ``agenda.see_event``."""
    if viewer.is_authenticated and viewer.is_superuser:
        return Q()
    visible = Q(audience=Audience.PUBLIC)
    person = person_for_user(user=viewer)
    if viewer.is_authenticated:
        visible |= Q(programme_id__in=team_programme_ids(viewer))
    if person is not None:
        if person_is_member(person=person, for_events=True):
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
    *, viewer: User, when: str = "upcoming", programme: str = "", kind: str = "", q: str = ""
) -> QuerySet[Event]:
    """Upcoming events soonest first, or past ones latest first; with ``when="all"`` both,
    the upcoming ones first, each annotated ``is_past`` (0 or 1) to tell them apart (the
    site-wide search). One query for the page. Its seats are counted once the page is cut
    (``attach_seats_taken``), not for every event the list skips."""
    now = timezone.now()
    # The visibility filter is made of subqueries (no join), so rows never repeat: no DISTINCT
    # over wide rows.
    qs = Event.objects.filter(event_visible_q(viewer))
    if when == "upcoming":
        qs = qs.filter(ends_at__gte=now)
        if (earliest := _earliest_running_start(now)) is not None:
            qs = qs.filter(starts_at__gte=earliest)
    elif when != "all":
        qs = qs.filter(ends_at__lt=now)
    if programme:
        qs = qs.filter(programme__slug=programme)
    if kind:
        qs = qs.filter(kind=kind)
    qs = text_search(qs, q, index=SEARCH_INDEX)
    qs = qs.select_related("programme", "coalition")
    if when == "all":
        upcoming = Q(ends_at__gte=now)
        return qs.annotate(
            is_past=Case(When(upcoming, then=Value(0)), default=Value(1)),
            soon=Case(When(upcoming, then=F("starts_at")), default=None),
        ).order_by("is_past", F("soon").asc(nulls_last=True), "-starts_at", "-id")
    return (
        qs.order_by("starts_at", "id") if when == "upcoming" else qs.order_by("-starts_at", "-id")
    )


def _earliest_running_start(now: dt.datetime) -> dt.datetime | None:
    """The earliest start among the events that have not ended: ``now``, or earlier when an
    event runs across it. Bounding the list's ``starts_at`` with it lets the soonest-first
    order start its index walk at the present instead of walking the whole past (the list is
    the same: an event not ended has started at this bound or later). The running events are
    read in the (ends_at, starts_at) index's order, from its entries alone (an aggregate would
    walk ``starts_at`` from the first event ever); past ``RUNNING_CAP`` of them, no bound."""
    starts = list(
        Event.objects.filter(ends_at__gte=now, starts_at__lt=now)
        .order_by("ends_at")
        .values_list("starts_at", flat=True)[:RUNNING_CAP]
    )
    if len(starts) == RUNNING_CAP:
        return None
    return min(starts, default=now)


RUNNING_CAP = 500


def attach_seats_taken(events: Iterable[Event]) -> list[Event]:
    """Set ``seats_taken`` (confirmed or attended) on each event of a page, in one query over
    the registrations' (event, status, queued_at) index: a deep page costs no more than the
    first, where a count in the list's own query would be made for every row it skips."""
    events = list(events)
    held = dict(
        Registration.objects.filter(event__in=[e.pk for e in events], status__in=HELD)
        .order_by()
        .values_list("event")
        .annotate(n=Count("pk"))
    )
    for event in events:
        event.seats_taken = held.get(event.pk, 0)
    return events


def registrations_subquery(*statuses: str) -> Coalesce:
    """How many registrations of these statuses each event has, as a correlated subquery
    (evaluated for the rows a query returns, instead of a join grouped over them all)."""
    rows = (
        Registration.objects.filter(event=OuterRef("pk"), status__in=statuses)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def events_in_range(*, viewer: User, start: dt.datetime, end: dt.datetime) -> QuerySet[Event]:
    """The visible events that overlap the interval, soonest first."""
    return (
        Event.objects.filter(event_visible_q(viewer), starts_at__lt=end, ends_at__gt=start)
        .select_related("programme")
        .order_by("starts_at", "id")
    )


def month_grid(
    *, viewer: User, year: int, month: int, today: dt.date | None = None
) -> dict[str, Any]:
    """The month's weeks, Monday first, each day with the events the viewer may see that start
    on it (in the event's own time zone); with the first days of the months around it. ``days``
    is the same data as a list (what a phone shows instead of the grid): the month's own days
    that have events, and ``today`` if it falls in the month, so the reader sees where they are."""
    tz = timezone.get_current_timezone()
    first = dt.date(year, month, 1)
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start = dt.datetime.combine(weeks[0][0], dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(weeks[-1][-1] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    by_day: dict[dt.date, list[Event]] = {}
    for event in events_in_range(viewer=viewer, start=start, end=end):
        day = event.starts_at.astimezone(event.tz).date()  # the event's own calendar day
        by_day.setdefault(day, []).append(event)
    previous = first - dt.timedelta(days=1)
    following = first + dt.timedelta(days=32)
    cells = [[(day, by_day.get(day, [])) for day in week] for week in weeks]
    return {
        "first": first,
        "weeks": cells,
        "days": [
            (day, events)
            for week in cells
            for day, events in week
            if day.month == month and (events or day == today)
        ],
        "previous": previous.replace(day=1),
        "next": following.replace(day=1),
    }


def event_detail(*, slug: str) -> Event:
    """One event by its slug (``Event.DoesNotExist`` if none); the caller checks who sees it."""
    return Event.objects.select_related("programme", "coalition", "series").get(slug=slug)


def attendance_open(*, event: Event, now: dt.datetime | None = None) -> bool:
    """Whether the team may mark people present or absent: from the event's first day on (in
    the event's time zone). The attendees page, its template and ``services.attendance_mark``
    all read this one answer."""
    today = (now or timezone.now()).astimezone(event.tz).date()
    return today >= event.starts_at.astimezone(event.tz).date()


def event_seats(*, event: Event) -> dict[str, int]:
    """Seats taken, people waiting and seats left (-1: no limit)."""
    counts = dict(event.registrations.values_list("status").annotate(n=Count("id")).order_by())
    held = sum(counts.get(status, 0) for status in HELD)
    return {
        "taken": held,
        "waiting": counts.get(RegistrationStatus.WAITLISTED, 0),
        "left": max(event.capacity - held, 0) if event.capacity is not None else -1,
    }


def registration_for(*, event: Event, user: User) -> Registration | None:
    """The user's registration for the event, whatever its status (cancelled included)."""
    person = person_for_user(user=user)
    if person is None:
        return None
    return Registration.objects.filter(event=event, person=person).first()


def waitlist_position(*, registration: Registration) -> int:
    """1 for the first in line: the waiting list goes first come, first served."""
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=RegistrationStatus.WAITLISTED,
            queued_at__lte=registration.queued_at,
        )
        .exclude(queued_at=registration.queued_at, id__gt=registration.id)
        .count()
    )


def event_registration(*, event: Event, pk: int) -> Registration:
    """One registration of this event (``Registration.DoesNotExist`` for another event's)."""
    return Registration.objects.get(pk=pk, event=event)


def registration_by_token(*, token: str) -> Registration:
    """The registration a cancellation link names (``Registration.DoesNotExist`` if none)."""
    return Registration.objects.select_related("event", "person").get(cancel_token=token)


def registrations_of(*, person: Person) -> QuerySet[Registration]:
    """The person's registrations that are not cancelled, soonest event first."""
    return (
        Registration.objects.filter(person=person)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event__programme")
        .order_by("event__starts_at")
    )


def registrations_by_time(*, person: Person | None) -> dict[str, list[Registration]]:
    """The person's registrations split into upcoming (soonest first) and past (latest
    first); nothing for an account that has no person yet."""
    registrations = list(registrations_of(person=person)) if person is not None else []
    now = timezone.now()
    return {
        "upcoming": [r for r in registrations if r.event.ends_at >= now],
        "past": [r for r in registrations if r.event.ends_at < now][::-1],
    }


def has_calendar_token(*, person: Person | None) -> bool:
    """Whether the person has a private calendar address (its secret is never shown again)."""
    return person is not None and CalendarToken.objects.filter(person=person).exists()


def attendees(*, event: Event) -> QuerySet[Registration]:
    """Everyone registered, for the team, with what the list and its CSV show."""
    return (
        event.registrations.select_related("person__user")
        .prefetch_related("person__affiliations__organisation")
        .order_by("status", "queued_at", "id")
    )


def public_feed_events(
    *, programme_id: int | None = None, coalition_id: int | None = None
) -> QuerySet[Event]:
    """Public events of a bounded window, from 60 days ago to about a year ahead, for calendar
    feeds: a feed does not grow with the agenda's whole history or its far future."""
    now = timezone.now()
    qs = Event.objects.filter(
        audience=Audience.PUBLIC, ends_at__gte=now - RECENT, starts_at__lte=now + FEED_AHEAD
    )
    if programme_id:
        qs = qs.filter(programme_id=programme_id)
    if coalition_id:
        qs = qs.filter(coalition_id=coalition_id)
    return qs.select_related("programme").order_by("starts_at", "id")


def feed_version(events: QuerySet[Event]) -> str:
    """What a feed's ETag is made of, in one query: how many events it holds and when the
    latest of them changed (a deleted event changes the count, an edit the date), and the
    day, since the window moves with it."""
    seen = events.order_by().aggregate(n=Count("id"), last=Max("updated_at"))
    last = seen["last"].isoformat() if seen["last"] else "-"
    return f"{seen['n']}-{last}-{timezone.localdate().isoformat()}"


def events_with_seat(*, person: Person) -> set[int]:
    """Events where the person holds a seat: the private online link is theirs."""
    return set(
        Registration.objects.filter(person=person, status__in=HELD).values_list(
            "event_id", flat=True
        )
    )


def personal_feed_events(*, person: Person) -> QuerySet[Event]:
    """The events in the person's private calendar: a seat or a waiting-list place."""
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


# Where a viewer stands -------------------------------------------------------------------


class RegistrationKind(StrEnum):
    """Where the viewer stands with an event's registration. Each kind has its partial in
    ``agenda/_registration.html``, named by its value."""

    REGISTERED = "registered"
    ATTENDED = "attended"
    WAITLISTED = "waitlisted"
    CAN_REGISTER = "can_register"
    CAN_JOIN_WAITLIST = "can_join_waitlist"
    OVER = "over"
    NOT_SCHEDULED = "not_scheduled"
    STARTED = "started"
    NOT_OPEN_YET = "not_open_yet"
    CLOSED = "closed"
    SIGN_IN = "sign_in"
    NOT_IN_AUDIENCE = "not_in_audience"


# Who may not register: the service raises the state's reason.
REFUSALS = frozenset(
    {
        RegistrationKind.OVER,
        RegistrationKind.NOT_SCHEDULED,
        RegistrationKind.STARTED,
        RegistrationKind.NOT_OPEN_YET,
        RegistrationKind.CLOSED,
        RegistrationKind.SIGN_IN,
        RegistrationKind.NOT_IN_AUDIENCE,
    }
)
# Among them, those about the person rather than the event (a PermissionRefused).
REFUSED_PERSONS = frozenset({RegistrationKind.SIGN_IN, RegistrationKind.NOT_IN_AUDIENCE})


@dataclass(frozen=True)
class RegistrationState:
    """``kind`` and the sentence that says it (``reason``, translated, the one sentence the
    page shows and the service raises); the registration and waiting-list position when there
    is one; whether the registration window is open and whether the event is over."""

    kind: RegistrationKind
    reason: str = ""
    registration: Registration | None = None
    position: int | None = None
    is_open: bool = False
    is_over: bool = False

    @property
    def refused(self) -> bool:
        return self.kind in REFUSALS


def _closed_because(event: Event, now: dt.datetime) -> RegistrationKind | None:
    """Why nobody may register now, or None while registration is open: the event must be
    scheduled, not started, and within its registration window if it has one."""
    if event.ends_at < now:
        return RegistrationKind.OVER
    if event.status != EventStatus.SCHEDULED:
        return RegistrationKind.NOT_SCHEDULED
    if event.starts_at <= now:
        return RegistrationKind.STARTED
    if event.registration_opens_at is not None and now < event.registration_opens_at:
        return RegistrationKind.NOT_OPEN_YET
    if event.registration_closes_at is not None and event.registration_closes_at <= now:
        return RegistrationKind.CLOSED
    return None


def _refusal_reason(kind: RegistrationKind, event: Event) -> str:
    """The one wording of each refusal."""
    if kind == RegistrationKind.OVER:
        return _("This event is over.")
    if kind == RegistrationKind.NOT_SCHEDULED:
        return _("This event is %(status)s: registration is closed.") % {
            "status": event.get_status_display().lower()
        }
    if kind == RegistrationKind.STARTED:
        return _("This event has started: registration is closed.")
    if kind == RegistrationKind.NOT_OPEN_YET:
        return _("Registration is not open.")
    if kind == RegistrationKind.CLOSED:
        return _("Registration is closed for this event.")
    if kind == RegistrationKind.SIGN_IN:
        return _("Log in to register.")
    return _("This event is reserved for its audience: %(audience)s.") % {
        "audience": event.get_audience_display()
    }


def registration_state(
    *, event: Event, user: User, seats: dict[str, int] | None = None
) -> RegistrationState:
    """Where the user stands with the event's registration, decided once for the page, the
    service and the API. In order:

    - who holds a registration (a seat, attended, or a place on the waiting list) sees it,
      whatever else changed since;
    - nobody registers for an event that is over, postponed or cancelled, started, or
      outside its registration window;
    - then one must be signed in, and in the event's audience (or on its team);
    - then there is a seat, or a place on the waiting list when the event is full.

    ``seats`` is ``event_seats(event=event)`` when the caller has it already."""
    now = timezone.now()
    closed = _closed_because(event, now)
    window = {"is_open": closed is None, "is_over": event.ends_at < now}
    registration = registration_for(event=event, user=user)
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        if registration.status == RegistrationStatus.WAITLISTED:
            position = waitlist_position(registration=registration)
            return RegistrationState(
                RegistrationKind.WAITLISTED,
                _("You are number %(n)s on the waiting list.") % {"n": position},
                registration=registration,
                position=position,
                **window,
            )
        kind = (
            RegistrationKind.ATTENDED
            if registration.status == RegistrationStatus.ATTENDED
            else RegistrationKind.REGISTERED
        )
        return RegistrationState(
            kind, _("You are registered."), registration=registration, **window
        )
    refusal = closed
    if refusal is None and not user.is_authenticated:
        refusal = RegistrationKind.SIGN_IN
    elif refusal is None and not user.has_perm("agenda.register_event", event):
        refusal = RegistrationKind.NOT_IN_AUDIENCE
    if refusal is not None:
        return RegistrationState(refusal, _refusal_reason(refusal, event), **window)
    seats = seats if seats is not None else event_seats(event=event)
    if event.capacity is not None and seats["left"] == 0:
        return RegistrationState(RegistrationKind.CAN_JOIN_WAITLIST, **window)
    return RegistrationState(RegistrationKind.CAN_REGISTER, **window)


def event_visible_to(*, slug: str, viewer: User) -> Event:
    """The event if the viewer may see it, by the same filter as the agenda's lists;
    ``Event.DoesNotExist`` otherwise."""
    return (
        Event.objects.filter(event_visible_q(viewer))
        .select_related("programme", "coalition")
        .get(slug=slug)
    )


# The team's side --------------------------------------------------------------------------

PULSE_DAYS = 60


def _with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    """Each event with its seats taken and its waiting list, counted in the same query."""
    return qs.annotate(
        seats_taken=registrations_subquery(*HELD),
        waiting=registrations_subquery(RegistrationStatus.WAITLISTED),
    )


def team_events(*, user: User, when: str = "upcoming", programme: str = "") -> QuerySet[Event]:
    """The events of the programmes the user runs (every one for a superuser), with their fill
    rate and waiting list: upcoming soonest first, or past latest first."""
    qs = Event.objects.all()
    if not user.is_superuser:
        qs = qs.filter(programme_id__in=team_programme_ids(user))
    if programme:
        qs = qs.filter(programme__slug=programme)
    now = timezone.now()
    qs = _with_counts(qs.select_related("programme", "coalition", "series"))
    if when == "past":
        return qs.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    return qs.filter(ends_at__gte=now).order_by("starts_at", "id")


def team_series(*, user: User) -> QuerySet[Series]:
    """The series of the programmes the user runs, with their number of upcoming dates."""
    qs = Series.objects.all()
    if not user.is_superuser:
        qs = qs.filter(programme_id__in=team_programme_ids(user))
    return (
        qs.select_related("programme")
        .annotate(
            upcoming=Count(
                "occurrences",
                filter=Q(occurrences__starts_at__gte=timezone.now())
                & ~Q(occurrences__status=EventStatus.CANCELLED),
            )
        )
        .order_by("title", "id")
    )


def pulse_events(*, programme_ids: list[int], limit: int = 8) -> dict[str, Any]:
    """The next ``PULSE_DAYS`` days of the programmes' events for the dashboard: the first
    ``limit`` with their counts, and how many there are in all (two queries, whatever the
    number of events)."""
    now = timezone.now()
    qs = Event.objects.filter(
        programme_id__in=programme_ids,
        starts_at__gte=now,
        starts_at__lt=now + dt.timedelta(days=PULSE_DAYS),
    )
    return {
        "events": list(_with_counts(qs).order_by("starts_at", "id")[:limit]),
        "total": qs.count(),
    }


def series_detail(*, slug: str) -> Series:
    """One series by its slug (``Series.DoesNotExist`` if none)."""
    return Series.objects.select_related("programme", "coalition").get(slug=slug)


def series_occurrences(*, series: Series) -> QuerySet[Event]:
    return _with_counts(series.occurrences.all()).order_by("starts_at", "id")


def people_search(*, q: str, limit: int = 8) -> list[Person]:
    """People whose name or e-mail holds every word typed, for the invitation picker."""
    words = q.split()[:4]
    if not words or len(q.strip()) < 2:
        return []
    qs = Person.objects.select_related("user")
    for word in words:
        word = word[:60]
        qs = qs.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(user__email__icontains=word)
        )
    return list(qs.order_by("last_name", "first_name", "id")[:limit])


def person_by_pk(*, pk: int) -> Person:
    return Person.objects.select_related("user").get(pk=pk)


def invited_people(*, event: Event) -> list[Person]:
    return list(event.invited.select_related("user").order_by("last_name", "first_name"))


def my_upcoming(*, person: Person, waiting: bool) -> list[Registration]:
    """A person's upcoming seats (or, with ``waiting``, their waiting-list places)."""
    statuses = (RegistrationStatus.WAITLISTED,) if waiting else HELD
    return list(
        Registration.objects.filter(
            person=person, status__in=statuses, event__ends_at__gte=timezone.now()
        )
        .exclude(event__status=EventStatus.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")[:10]
    )

"""The agenda's pages run as many queries with three times the events and registrations."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.timezone import now

from alliage.actors.models import Person
from alliage.agenda.models import Event, Registration, RegistrationStatus
from alliage.core.models import User

from ..factories import PersonFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

_serial = itertools.count()
STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
    RegistrationStatus.ATTENDED,
)


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def counts(clients: list[Client], urls: list[str]) -> dict[tuple[int, str], int]:
    return {(i, url): queries(c, url) for i, c in enumerate(clients) for url in urls}


def seed(programme, n: int) -> list[Event]:
    """``n`` events around today (past and upcoming, public and members'), each with
    registrations of every status."""
    now = timezone.now().replace(microsecond=0)
    events = Event.objects.bulk_create(
        Event(
            programme=programme,
            kind="workshop",
            title=f"Atelier {k}",
            slug=f"atelier-{k}",
            starts_at=now + dt.timedelta(hours=7 * (i - n // 2)),
            ends_at=now + dt.timedelta(hours=7 * (i - n // 2) + 2),
            capacity=20,
            audience="members" if i % 5 == 0 else "public",
        )
        for i, k in ((i, next(_serial)) for i in range(n))
    )
    users = User.objects.bulk_create(User(email=f"scale{next(_serial)}@x.org") for _ in range(n))
    people = Person.objects.bulk_create(
        Person(user=u, first_name="P", last_name=f"L{u.pk}") for u in users
    )
    Registration.objects.bulk_create(
        Registration(
            event=event,
            person=people[(i + j) % len(people)],
            status=STATUSES[(i + j) % len(STATUSES)],
            queued_at=now,
            cancel_token=f"scale-{next(_serial)}",
        )
        for i, event in enumerate(events)
        for j in range(4)
    )
    return events


def test_agenda_pages_do_not_grow_with_the_data() -> None:
    programme = ProgrammeFactory()
    events = seed(programme, 60)  # two pages each way at least
    registered = PersonFactory()
    mine = events[len(events) // 2 + 1]
    Registration.objects.create(
        event=mine, person=registered, status="confirmed", queued_at=now(), cancel_token="mine"
    )
    today = timezone.localdate()
    urls = [
        "/agenda/",
        "/agenda/?when=past",
        "/agenda/?page=2",
        f"/agenda/?programme={programme.slug}",
        f"/agenda/month/{today.year}/{today.month}/",
        f"/agenda/{mine.slug}/",
        "/api/v1/events",
        "/api/v1/events?when=past&page=2&page_size=5",
        f"/api/v1/events/{mine.slug}",
    ]
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(registered.user)
    before = counts([anonymous, signed_in], urls)
    seed(programme, 120)
    assert counts([anonymous, signed_in], urls) == before


def test_the_list_counts_the_seats_of_each_event_of_the_page() -> None:
    """The seats are counted per event (held seats only), the same as on the event's page."""
    programme = ProgrammeFactory()
    events = seed(programme, 12)
    response = Client().get("/api/v1/events?page_size=100")
    listed = {e["slug"]: e["seats_taken"] for e in response.json()["results"]}
    for event in events:
        if event.slug in listed:
            held = event.registrations.filter(status__in=("confirmed", "attended")).count()
            assert listed[event.slug] == held
    assert listed and any(listed.values())

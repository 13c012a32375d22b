"""The calendar feeds served by the agenda's URLs: the private feed and an empty public one."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alliage.agenda import services

from ..factories import EventFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_personal_feed_shows_the_private_link_only_with_a_seat() -> None:
    event = EventFactory(capacity=1, online_url="https://visio.example.org/secret")
    services.registration_create(event=event, by=PersonFactory().user)
    waiting = PersonFactory()
    services.registration_create(event=event, by=waiting.user)
    token = services.calendar_token_renew(person=waiting)
    body = Client().get(reverse("agenda:personal-ics", args=[token])).content.decode()
    assert "visio.example.org/secret" not in body
    assert len(icalendar.Calendar.from_ical(body).walk("VEVENT")) == 1


def test_an_empty_feed_is_still_a_valid_calendar() -> None:
    body = Client().get("/agenda/calendar.ics").content
    calendar = icalendar.Calendar.from_ical(body)
    assert calendar.walk("VTIMEZONE") and not calendar.walk("VEVENT")


def test_a_public_feed_holds_a_bounded_window_of_events() -> None:
    """From 60 days ago to about a year ahead: the feed does not grow with the agenda's
    history or its far future (issue 15: every event ever, 0.9 req/s at 10,000 events)."""
    now = timezone.now()
    soon = EventFactory(title="Bientôt", starts_at=now + dt.timedelta(days=30))
    EventFactory(
        title="Dans deux ans",
        starts_at=now + dt.timedelta(days=730),
        ends_at=now + dt.timedelta(days=730, hours=2),
    )
    EventFactory(
        title="Il y a un an",
        starts_at=now - dt.timedelta(days=365),
        ends_at=now - dt.timedelta(days=365) + dt.timedelta(hours=2),
    )
    calendar = icalendar.Calendar.from_ical(Client().get("/agenda/calendar.ics").content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [soon.title]


def test_a_public_feed_answers_conditional_get_and_changes_with_its_events() -> None:
    event = EventFactory(title="Atelier")
    client = Client()
    first = client.get("/agenda/calendar.ics")
    etag = first["ETag"]
    again = client.get("/agenda/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    assert again["ETag"] == etag
    event.title = "Atelier renommé"
    event.save()
    changed = client.get("/agenda/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Atelier renommé" in changed.content.decode()
    english = client.get("/en/agenda/calendar.ics", HTTP_IF_NONE_MATCH=changed["ETag"])
    assert english.status_code == 200  # another language, another feed


def test_a_feed_reads_a_constant_number_of_queries() -> None:
    EventFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        Client().get("/agenda/calendar.ics")
    EventFactory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        Client().get("/agenda/calendar.ics")
    assert len(many.captured_queries) == len(few.captured_queries)

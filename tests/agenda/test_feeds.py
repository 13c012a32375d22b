"""The calendar feeds served by the agenda's URLs: the private feed and an empty public one."""

from __future__ import annotations

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

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

"""Defects found in review, each pinned by a test."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from alliage.agenda import services
from alliage.agenda.models import Registration
from alliage.agenda.tasks import registration_notify
from alliage.core.errors import BusinessError

from ..factories import EventFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def team_for(event):
    team = UserFactory()
    event.programme.team.add(team)
    return team


@pytest.mark.parametrize("value", ["abc", "", "99999999999999999999999", "-1"])
def test_attendance_with_a_bad_registration_value_is_a_404(value: str) -> None:
    event = EventFactory()
    client = Client()
    client.force_login(team_for(event))
    url = reverse("agenda:event-attendees", args=[event.slug])
    assert client.post(url, {"registration": value, "attended": "1"}).status_code == 404


def test_personal_feed_shows_the_private_link_only_with_a_seat() -> None:
    event = EventFactory(capacity=1, online_url="https://visio.example.org/secret")
    services.registration_create(event=event, by=PersonFactory().user)
    waiting = PersonFactory()
    services.registration_create(event=event, by=waiting.user)
    token = services.calendar_token_renew(person=waiting)
    body = Client().get(reverse("agenda:personal-ics", args=[token])).content.decode()
    assert "visio.example.org/secret" not in body
    assert len(icalendar.Calendar.from_ical(body).walk("VEVENT")) == 1


def test_seat_count_is_not_multiplied_by_invitees() -> None:
    event = EventFactory(audience="invitation", capacity=5)
    event.invited.add(*[PersonFactory() for _ in range(4)])
    services.registration_create(event=event, by=event.invited.first().user)
    client = Client()
    client.force_login(team_for(event))
    page = client.get("/agenda/")
    assert [e.seats_taken for e in page.context["page"].object_list] == [1]


def test_absent_does_not_bring_back_cancelled_or_waiting_people() -> None:
    event = EventFactory(capacity=1)
    team = team_for(event)
    services.registration_create(event=event, by=PersonFactory().user)
    waiting = services.registration_create(event=event, by=PersonFactory().user)
    with pytest.raises(BusinessError):
        services.attendance_mark(registration=waiting, by=team, attended=False)
    assert Registration.objects.filter(status="confirmed").count() == 1


def test_no_promotion_on_a_cancelled_event(django_capture_on_commit_callbacks) -> None:
    event = EventFactory(capacity=1)
    team = team_for(event)
    first = services.registration_create(event=event, by=PersonFactory().user)
    waiting = services.registration_create(event=event, by=PersonFactory().user)
    services.event_cancel(event=event, by=team)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first, by=first.person.user)
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted" and not mail.outbox


def test_no_reminder_for_a_cancelled_registration() -> None:
    registration = services.registration_create(event=EventFactory(), by=PersonFactory().user)
    services.registration_cancel(registration=registration, by=registration.person.user)
    mail.outbox.clear()
    registration_notify.enqueue(registration_id=registration.pk, kind="reminder")
    assert not mail.outbox


def test_capacity_zero_is_full_not_unlimited() -> None:
    event = EventFactory(capacity=0)
    body = Client().get(event.get_absolute_url()).content.decode()
    assert "Nombre de places illimité" not in body and "0 places prises sur 0" in body


def test_times_show_in_the_events_own_zone_everywhere() -> None:
    new_york = ZoneInfo("America/New_York")
    start = dt.datetime(2027, 9, 15, 10, 0, tzinfo=new_york)
    event = EventFactory(
        timezone="America/New_York", starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    assert "10:00" in Client().get("/agenda/").content.decode()
    assert "10:00" in Client().get("/agenda/month/2027/9/").content.decode()
    assert "10:00" in Client().get(event.get_absolute_url()).content.decode()


def test_an_empty_feed_is_still_a_valid_calendar() -> None:
    body = Client().get("/agenda/calendar.ics").content
    calendar = icalendar.Calendar.from_ical(body)
    assert calendar.walk("VTIMEZONE") and not calendar.walk("VEVENT")

"""What the agenda's pages show and refuse: seats, times in the event's own zone, bad input."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from alliage.agenda import services

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


def test_seat_count_is_not_multiplied_by_invitees() -> None:
    event = EventFactory(audience="invitation", capacity=5)
    event.invited.add(*[PersonFactory() for _ in range(4)])
    services.registration_create(event=event, by=event.invited.first().user)
    client = Client()
    client.force_login(team_for(event))
    page = client.get("/agenda/")
    assert [e.seats_taken for e in page.context["page"].object_list] == [1]


def test_capacity_zero_is_full_not_unlimited() -> None:
    event = EventFactory(capacity=0)
    body = Client().get(event.get_absolute_url()).content.decode()
    assert (
        "Nombre de places illimité" not in body and "0 place prise sur 0" in body
    )  # French: zero takes the singular


def test_times_show_in_the_events_own_zone_everywhere() -> None:
    new_york = ZoneInfo("America/New_York")
    start = dt.datetime(2027, 9, 15, 10, 0, tzinfo=new_york)
    event = EventFactory(
        timezone="America/New_York", starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    assert "10:00" in Client().get("/agenda/").content.decode()
    assert "10:00" in Client().get("/agenda/month/2027/9/").content.decode()
    assert "10:00" in Client().get(event.get_absolute_url()).content.decode()

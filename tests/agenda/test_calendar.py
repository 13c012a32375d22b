from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from alliage.agenda.calendar import calendar_for
from alliage.agenda.models import Event, EventStatus

from ..factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

BASE_URL = "https://alliage.example.org"
PARIS = ZoneInfo("Europe/Paris")
ONLINE_URL = "https://visio.example.org/salle-secrete"

_slugs = itertools.count()


def make_event(**fields: Any) -> Event:
    """An event in two weeks, 10:00-12:00 Paris time, unless ``fields`` say otherwise."""
    n = next(_slugs)
    starts_at = fields.pop("starts_at", datetime(2027, 6, 15, 10, 0, tzinfo=PARIS))
    values: dict[str, Any] = {
        "programme": ProgrammeFactory(),
        "kind": "reset_day",
        "title": f"Reset Day {n}",
        "slug": f"reset-day-{n}",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
    }
    values.update(fields)
    return Event.objects.create(**values)


def feed(events: Iterable[Event], **options: Any) -> bytes:
    options.setdefault("name", "Agenda Alliage")
    return calendar_for(events, base_url=BASE_URL, **options)


def parse(data: bytes) -> tuple[icalendar.Calendar, Any]:
    """The feed as read by icalendar and by the independent vobject."""
    text = data.decode()
    return icalendar.Calendar.from_ical(text), vobject.readOne(text)


def only_vevent(data: bytes) -> icalendar.Event:
    (vevent,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return vevent


def test_feed_is_read_alike_by_icalendar_and_vobject() -> None:
    events = [
        make_event(title="Atelier : données, IA; éthique", description=""),
        make_event(
            title="Petit-déjeuner des adhérents",
            description="# Ordre du jour\n\n- accueil, café;\n- tour de table\\échanges",
            place="12 rue des Lilas, 75020 Paris",
        ),
        make_event(title="Webinaire", online_url=ONLINE_URL, online_url_public=True),
    ]

    data = feed(events, description="Tous les rendez-vous")
    ical, vcal = parse(data)

    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert str(ical["VERSION"]) == "2.0"
    assert str(ical["PRODID"]) == "-//Alliage//Agenda//FR"
    assert str(ical["CALSCALE"]) == "GREGORIAN"
    assert str(ical["METHOD"]) == "PUBLISH"
    assert str(ical["X-WR-CALNAME"]) == "Agenda Alliage"
    assert str(ical["X-WR-TIMEZONE"]) == "Europe/Paris"
    assert str(ical["X-WR-CALDESC"]) == "Tous les rendez-vous"

    ical_events = ical.walk("VEVENT")
    vobj_events = vcal.vevent_list
    assert len(ical_events) == len(vobj_events) == 3
    expected_uids = [f"event-{event.pk}@alliage.example.org" for event in events]
    assert [str(e["UID"]) for e in ical_events] == expected_uids
    assert [e.uid.value for e in vobj_events] == expected_uids
    expected_titles = [event.title for event in events]
    assert [str(e["SUMMARY"]) for e in ical_events] == expected_titles
    assert [e.summary.value for e in vobj_events] == expected_titles
    # The markdown source survives the escaping of commas, semicolons and backslashes.
    assert vobj_events[1].description.value.startswith(events[1].description + "\n\n")
    assert str(ical_events[1]["LOCATION"]) == "12 rue des Lilas, 75020 Paris"


def test_event_without_description_links_to_its_page() -> None:
    event = make_event(description="")

    vevent = only_vevent(feed([event]))

    page = f"{BASE_URL}/" + event.get_absolute_url().lstrip("/")
    assert str(vevent["URL"]) == page
    assert str(vevent["DESCRIPTION"]) == page
    assert "LOCATION" not in vevent


def test_description_is_followed_by_a_blank_line_and_the_page_address() -> None:
    event = make_event(description="Venez nombreux.")

    vevent = only_vevent(feed([event]))

    assert str(vevent["DESCRIPTION"]) == (
        f"Venez nombreux.\n\n{BASE_URL}{event.get_absolute_url()}"
    )


def test_uid_survives_new_requests_and_edits() -> None:
    event = make_event()
    first = only_vevent(feed([event]))

    event.title = "Nouveau titre"
    event.slug = "nouveau-slug"
    event.starts_at += timedelta(days=7)
    event.ends_at += timedelta(days=7)
    event.save()
    second = only_vevent(feed([event]))

    assert str(first["UID"]) == str(second["UID"]) == f"event-{event.pk}@alliage.example.org"


def test_stamps_are_utc_and_timezone_is_described() -> None:
    event = make_event()
    created = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    updated = datetime(2026, 2, 10, 15, 30, 15, tzinfo=PARIS)  # 14:30:15 UTC
    # update() skips auto_now, so the two stamps can differ as they would after an edit.
    Event.objects.filter(pk=event.pk).update(created_at=created, updated_at=updated)
    event.refresh_from_db()

    data = feed([event])
    ical, vcal = parse(data)
    (vevent,) = ical.walk("VEVENT")

    assert b"DTSTAMP:" in data
    assert b"DTSTAMP:20260210T143015Z\r\n" in data
    assert vevent["DTSTAMP"].dt == event.updated_at
    assert vevent["LAST-MODIFIED"].dt == event.updated_at
    assert vevent["CREATED"].dt == created
    assert [str(tz["TZID"]) for tz in ical.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert vcal.vtimezone.tzid.value == "Europe/Paris"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (EventStatus.SCHEDULED, "CONFIRMED"),
        (EventStatus.POSTPONED, "TENTATIVE"),
        (EventStatus.CANCELLED, "CANCELLED"),
    ],
)
def test_sequence_and_status(status: str, expected: str) -> None:
    event = make_event(sequence=3, status=status)

    ical, vcal = parse(feed([event]))
    (vevent,) = ical.walk("VEVENT")

    assert vevent["SEQUENCE"] == 3
    assert vcal.vevent.sequence.value == "3"
    assert str(vevent["STATUS"]) == expected
    assert vcal.vevent.status.value == expected


@pytest.mark.parametrize(
    ("day", "utc_start"),
    [
        # The night clocks go forward: 10:00 in Paris is 08:00 UTC.
        (datetime(2027, 3, 28, 10, 0, tzinfo=PARIS), datetime(2027, 3, 28, 8, 0, tzinfo=UTC)),
        # The night clocks go back: 10:00 in Paris is 09:00 UTC.
        (datetime(2027, 10, 31, 10, 0, tzinfo=PARIS), datetime(2027, 10, 31, 9, 0, tzinfo=UTC)),
    ],
)
def test_wall_clock_time_survives_daylight_saving_changes(
    day: datetime, utc_start: datetime
) -> None:
    make_event(starts_at=day)
    event = Event.objects.get()  # as the feed will see it: stored in UTC
    assert event.starts_at == utc_start

    ical, vcal = parse(feed([event]))

    ical_start = ical.walk("VEVENT")[0]["DTSTART"]
    assert ical_start.params["TZID"] == "Europe/Paris"
    assert (ical_start.dt.hour, ical_start.dt.minute) == (10, 0)
    assert ical_start.dt == utc_start
    assert ical_start.dt.astimezone(UTC) == utc_start

    # vobject computes offsets from the feed's own VTIMEZONE, not from the zoneinfo database.
    vobj_start = vcal.vevent.dtstart.value
    assert vobject.icalendar.TimezoneComponent.pickTzid(vobj_start.tzinfo) == "Europe/Paris"
    assert (vobj_start.hour, vobj_start.minute) == (10, 0)
    assert vobj_start.astimezone(UTC) == utc_start
    assert vcal.vevent.dtend.value.astimezone(UTC) == utc_start + timedelta(hours=2)


@pytest.mark.parametrize(
    ("public", "include_private_links", "shown"),
    [(False, False, False), (True, False, True), (False, True, True), (True, True, True)],
)
def test_online_link_is_shown_only_when_allowed(
    public: bool, include_private_links: bool, shown: bool
) -> None:
    event = make_event(online_url=ONLINE_URL, online_url_public=public)

    data = feed([event], include_private_links=include_private_links)
    vevent = only_vevent(data)
    unfolded = data.replace(b"\r\n ", b"")

    assert (ONLINE_URL.encode() in unfolded) is shown
    assert (ONLINE_URL in str(vevent["DESCRIPTION"])) is shown
    assert ("LOCATION" in vevent) is shown
    if shown:
        assert str(vevent["LOCATION"]) == ONLINE_URL


def test_place_stays_the_location_of_an_event_also_online() -> None:
    event = make_event(place="Maison des associations", online_url=ONLINE_URL)

    vevent = only_vevent(feed([event], include_private_links=True))

    assert str(vevent["LOCATION"]) == "Maison des associations"
    assert ONLINE_URL in str(vevent["DESCRIPTION"])


def test_empty_feed_is_still_a_calendar() -> None:
    ical, vcal = parse(feed([]))

    assert ical.walk("VEVENT") == []
    assert "X-WR-CALDESC" not in ical
    assert vcal.name == "VCALENDAR"

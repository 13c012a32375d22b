"""Permission-table rows of one area's new pages (agenda); see permission_table.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..permission_table import Row, event
from ..world import World

# anonymous · person · adherent · member · lead · reviewer · conflicted · team · admin
MANAGE = "ddddddd" + "oo"  # another programme's event does not exist for them
MANAGE_POST = "ddddddd" + "rr"
AREA = "lddddddoo"


def series(w: World) -> dict[str, Any]:
    from alliage.agenda.models import Series

    first = dt.datetime(2030, 1, 1, 7, 30, tzinfo=dt.UTC)
    found, _ = Series.objects.get_or_create(
        slug="serie-du-tableau",
        defaults={
            "programme": w.programme,
            "kind": "breakfast",
            "title": "Petit-déjeuner",
            "place": "Paris",
            "rrule": "FREQ=MONTHLY;BYDAY=1TU;COUNT=3",
            "first_start": first,
            "duration_minutes": 60,
        },
    )
    return {"slug": found.slug}


def event_data(w: World) -> dict[str, Any]:
    return {
        "programme": w.programme.pk,
        "kind": "workshop",
        "title": "Atelier du tableau",
        "starts_at": "2030-03-10T10:00",
        "ends_at": "2030-03-10T12:00",
        "timezone": "Europe/Paris",
        "place": "Paris",
        "audience": "public",
    }


def series_data(w: World) -> dict[str, Any]:
    return {
        **event_data(w),
        "kind": "breakfast",
        "frequency": "monthly",
        "interval": "1",
        "weekdays": ["TU"],
        "positions": ["1"],
        "first_day": "2030-01-01",
        "time": "08:30",
        "duration_minutes": "90",
        "ends": "count",
        "count": "3",
        "save": "1",
    }


def a_person(w: World) -> dict[str, Any]:
    from alliage.actors.models import Person

    return {"person": Person.objects.order_by("pk").first().pk}


ROWS: tuple[Row, ...] = (
    Row("team:agenda:event-list", get=AREA),
    Row("team:agenda:event-create", get=AREA, post="l" + "d" * 6 + "rr", data=event_data),
    Row("team:agenda:event-edit", kw=event, get=MANAGE, post=MANAGE_POST, data=event_data),
    Row("team:agenda:event-duplicate", kw=event, get=MANAGE, post=MANAGE_POST, data=event_data),
    Row("team:agenda:event-cancel", kw=event, get=MANAGE, post=MANAGE_POST),
    Row("team:agenda:event-postpone", kw=event, get=MANAGE, post=MANAGE_POST),
    Row("team:agenda:event-invited", kw=event, get=MANAGE, post=MANAGE_POST, data=a_person),
    Row("team:agenda:series-create", get=AREA, post="l" + "d" * 6 + "rr", data=series_data),
    Row("team:agenda:series-edit", kw=series, get=MANAGE, post=MANAGE_POST, data=series_data),
)

"""The upcoming list starts at the present without walking the past, and still holds every
event that has not ended, those running across the present first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from alliage.agenda import selectors
from alliage.agenda.selectors import event_list

from ..factories import EventFactory

pytestmark = pytest.mark.django_db


def at(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def test_upcoming_holds_what_runs_across_now_and_what_comes() -> None:
    EventFactory(title="Fini hier", starts_at=at(-3), ends_at=at(-1))
    long_one = EventFactory(title="Commencé il y a un mois", starts_at=at(-30), ends_at=at(2))
    short = EventFactory(title="Commencé ce matin", starts_at=at(-0.2), ends_at=at(0.1))
    soon = EventFactory(title="Demain", starts_at=at(1), ends_at=at(1.1))
    titles = [e.title for e in event_list(viewer=AnonymousUser())]
    assert titles == [long_one.title, short.title, soon.title]
    past = [e.title for e in event_list(viewer=AnonymousUser(), when="past")]
    assert past == ["Fini hier"]


def test_past_the_cap_of_running_events_the_list_is_not_bounded(monkeypatch) -> None:
    monkeypatch.setattr(selectors, "RUNNING_CAP", 2)
    for n in range(3):
        EventFactory(title=f"En cours {n}", starts_at=at(-10 - n), ends_at=at(1))
    EventFactory(title="Bientôt", starts_at=at(3), ends_at=at(3.1))
    titles = [e.title for e in event_list(viewer=AnonymousUser())]
    assert titles == ["En cours 2", "En cours 1", "En cours 0", "Bientôt"]

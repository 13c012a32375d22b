"""What cancelling (an event, a registration) and marking someone absent leave behind: no seat
given back to the wrong people, no promotion to a cancelled event, no reminder for a
cancelled seat."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

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


def test_absent_does_not_bring_back_cancelled_or_waiting_people() -> None:
    event = EventFactory(capacity=1)
    team = team_for(event)
    services.registration_create(event=event, by=PersonFactory().user)
    waiting = services.registration_create(event=event, by=PersonFactory().user)
    now = dt.datetime.now(tz=dt.UTC)
    type(event).objects.filter(pk=event.pk).update(starts_at=now - dt.timedelta(hours=1))
    waiting.refresh_from_db()
    with pytest.raises(BusinessError, match="ont une place"):
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

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from alliage.agenda import services

from ..factories import EventFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_send_reminders_command(committed, django_capture_on_commit_callbacks) -> None:
    start = dt.datetime(2027, 6, 3, 8, 0, tzinfo=dt.UTC)
    event = EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    with time_machine.travel(start - dt.timedelta(days=3), tick=False):
        committed(services.registration_create, event=event, by=PersonFactory().user)
    mail.outbox.clear()
    with time_machine.travel(start - dt.timedelta(hours=12), tick=False):
        out = StringIO()
        call_command("send_reminders", "--dry-run", stdout=out)
        assert out.getvalue().startswith("1 ") and not mail.outbox
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", stdout=StringIO())
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1

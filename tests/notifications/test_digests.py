from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils.translation import gettext_lazy as _

from alliage.core import hooks
from alliage.notifications.digests import digests_send
from alliage.notifications.kinds import Delivery, Kind
from alliage.notifications.services import notification_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DAILY = Kind(key="tests.daily", label=_("D"), message=_("%(name)s did"), default=Delivery.DAILY)
WEEKLY = Kind(key="tests.weekly", label=_("W"), message=_("%(name)s w"), default=Delivery.WEEKLY)


@pytest.fixture(autouse=True)
def _kinds():
    with (
        hooks.register_temporarily(hooks.NOTIFICATION_KINDS, DAILY),
        hooks.register_temporarily(hooks.NOTIFICATION_KINDS, WEEKLY),
    ):
        yield


def test_five_daily_make_one_email_once(django_capture_on_commit_callbacks):
    me = UserFactory(language="en")
    for i in range(5):
        notification_send(kind=DAILY.key, recipients=[me], context={"name": f"N{i}"})
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 1
        assert digests_send() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Your daily digest"
    assert "N4 did" in mail.outbox[0].body


def test_weekly_waits_a_week(django_capture_on_commit_callbacks):
    me = UserFactory()
    start = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False), django_capture_on_commit_callbacks(execute=True):
        notification_send(kind=WEEKLY.key, recipients=[me])
        assert digests_send() == 1
    with time_machine.travel(start + dt.timedelta(days=1), tick=False):
        notification_send(kind=WEEKLY.key, recipients=[me])
        assert digests_send() == 0
    with time_machine.travel(start + dt.timedelta(days=7), tick=False):
        assert digests_send() == 1

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from alliage.core import hooks
from alliage.notifications.kinds import Delivery, Kind
from alliage.notifications.models import Notification, Preference
from alliage.notifications.selectors import notification_unread_count, preferences_for
from alliage.notifications.services import (
    notification_mark_read,
    notification_send,
    notifications_mark_all_read,
    unsubscribe,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = Kind(key="tests.waved", label=_("Waved"), message=_("%(name)s waved"))


@pytest.fixture(autouse=True)
def _kind():
    with hooks.register_temporarily(hooks.NOTIFICATION_KINDS, KIND):
        yield


def test_mark_read_only_own_and_all(django_assert_num_queries):
    me, other = UserFactory(), UserFactory()
    mine = notification_send(kind=KIND.key, recipients=[me, other])
    notification_send(kind=KIND.key, recipients=[me])
    with django_assert_num_queries(1):
        assert notification_unread_count(user=me) == 2
    theirs = Notification.objects.get(recipient=other)
    with pytest.raises(PermissionDenied):
        notification_mark_read(notification=theirs, by=me)
    notification_mark_read(notification=mine[0], by=me)
    assert notification_unread_count(user=me) == 1
    assert notifications_mark_all_read(by=me) == 1
    assert notification_unread_count(user=other) == 1


def test_unsubscribe_from_a_digest_sets_its_kinds_to_never():
    me = UserFactory()
    notification_send(kind=KIND.key, recipients=[me])
    # every kind whose e-mail goes in the daily digest (by choice or by default) stops
    stopped = unsubscribe(user=me, target="digest:daily")
    assert KIND.key in stopped
    assert all(preferences_for(user=me)[key] == Delivery.NEVER for key in stopped)
    assert Preference.objects.get(user=me, kind=KIND.key).delivery == Delivery.NEVER
    assert Notification.objects.get().delivery == Delivery.NEVER
    assert unsubscribe(user=me, target="tests.unknown") == []

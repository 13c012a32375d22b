from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliage.core import hooks
from alliage.notifications.kinds import Kind
from alliage.notifications.models import Notification
from alliage.notifications.services import notification_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = Kind(key="tests.pinged", label=_("P"), message=_("%(name)s pinged"))


@pytest.fixture(autouse=True)
def _kind():
    with hooks.register_temporarily(hooks.NOTIFICATION_KINDS, KIND):
        yield


def test_centre_mark_read_and_idor(client):
    me, other = UserFactory(), UserFactory()
    notification_send(kind=KIND.key, recipients=[me, other], context={"name": "Ana"})
    client.force_login(me)
    assert "Ana pinged" in client.get(reverse("notifications:centre")).content.decode()
    theirs = Notification.objects.get(recipient=other)
    assert client.post(reverse("notifications:mark-read", args=[theirs.pk])).status_code == 404
    mine = Notification.objects.get(recipient=me)
    assert client.post(reverse("notifications:mark-read", args=[mine.pk])).status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert client.post(reverse("notifications:mark-all-read")).status_code == 302


def test_centre_queries_do_not_grow(client):
    me = UserFactory()
    client.force_login(me)

    def count(n):
        for _i in range(n):
            notification_send(kind=KIND.key, recipients=[me])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("notifications:centre")).status_code == 200
        return len(ctx)

    assert count(5) == count(45)


def test_settings_page_saves_preferences(client):
    from alliage.notifications.models import Preference

    me = UserFactory()
    client.force_login(me)
    url = reverse("notifications:settings")
    assert client.get(url).status_code == 200
    assert client.post(url, {KIND.key: "weekly"}).status_code == 302
    assert Preference.objects.get(user=me, kind=KIND.key).delivery == "weekly"
    refused = client.post("/en" + url, {KIND.key: "bogus"})
    assert refused.status_code == 200
    assert "Choose one of the deliveries offered for each kind." in refused.content.decode()
    assert Preference.objects.get(user=me, kind=KIND.key).delivery == "weekly"


def test_header_shows_the_unread_count_to_its_owner_only(client):
    from alliage.notifications.kinds import Kind

    kind = Kind(key="tests.badge", label="Badge", message="%(name)s")
    with hooks.register_temporarily(hooks.NOTIFICATION_KINDS, kind):
        owner, other = UserFactory(), UserFactory()
        for i in range(3):
            notification_send(kind=kind.key, recipients=[owner], context={"name": str(i)})
        client.force_login(owner)
        assert 'class="badge">3' in client.get("/en/me/notifications/").content.decode()
        client.force_login(other)
        assert 'class="badge"' not in client.get("/en/me/notifications/").content.decode()

from __future__ import annotations

import pytest
from django.utils.translation import gettext_lazy as _

from alliage.core import hooks
from alliage.notifications.kinds import Delivery, Kind
from alliage.notifications.models import Notification, Preference
from alliage.notifications.services import notification_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = Kind(key="tests.waved", label=_("Waved"), message=_("%(name)s waved"), group="Tests")


@pytest.fixture(autouse=True)
def _kind():
    with hooks.register_temporarily(hooks.NOTIFICATION_KINDS, KIND):
        yield


def _send(user, n):
    for i in range(n):
        notification_send(kind=KIND.key, recipients=[user], url=f"/x/{i}/", context={"name": i})


def test_centre_shows_the_unread_count_in_the_header_and_marks_read(client):
    user = UserFactory()
    _send(user, 3)
    client.force_login(user)
    page = client.get("/en/me/notifications/").content.decode()
    assert "3 unread notifications" in page and 'class="badge">3' in page
    first = Notification.objects.filter(recipient=user).last()
    response = client.post(f"/en/me/notifications/{first.pk}/read/", {"next": first.url})
    assert response.status_code == 302 and response["Location"] == first.url
    assert Notification.objects.filter(recipient=user, read_at__isnull=True).count() == 2
    client.post("/en/me/notifications/read/")
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert 'class="badge"' not in client.get("/en/me/notifications/").content.decode()


def test_no_one_marks_anothers_notification_and_next_stays_on_site(client):
    owner, other = UserFactory(), UserFactory()
    _send(owner, 1)
    notification = Notification.objects.get()
    client.force_login(other)
    response = client.post(
        f"/en/me/notifications/{notification.pk}/read/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/me/notifications/" or response["Location"].endswith(
        "/me/notifications/"
    )
    notification.refresh_from_db()
    assert notification.read_at is None


def test_centre_queries_do_not_grow(client, django_assert_max_num_queries):
    user = UserFactory()
    client.force_login(user)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (2, 40):
        _send(user, n)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/en/me/notifications/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_settings_save_a_choice_per_kind_and_refuse_unknown_values(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get("/en/me/notifications/settings/").content.decode()
    assert "Waved" in page and "In the daily digest" in page
    client.post("/en/me/notifications/settings/", {"kind-tests.waved": Delivery.NEVER})
    assert Preference.objects.get(user=user, kind=KIND.key).delivery == Delivery.NEVER
    response = client.post("/en/me/notifications/settings/", {"kind-tests.waved": "loud"})
    assert (
        response.status_code == 200 and "Unknown notification setting" in response.content.decode()
    )
    assert Preference.objects.get(user=user, kind=KIND.key).delivery == Delivery.NEVER


def test_centre_needs_a_sign_in(client):
    assert client.get("/en/me/notifications/").status_code == 302

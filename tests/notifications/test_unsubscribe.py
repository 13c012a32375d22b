from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliage.core import hooks
from alliage.notifications.kinds import Delivery, Kind
from alliage.notifications.models import Preference
from alliage.notifications.services import notification_send
from alliage.notifications.tokens import unsubscribe_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = Kind(key="tests.nudged", label=_("N"), message=_("%(name)s nudged"), default=Delivery.NOW)


@pytest.fixture(autouse=True)
def _kind():
    with hooks.register_temporarily(hooks.NOTIFICATION_KINDS, KIND):
        yield


def test_headers_and_one_click_post(client, django_capture_on_commit_callbacks):
    me = UserFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(kind=KIND.key, recipients=[me])
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = headers["List-Unsubscribe"].strip("<>")
    path = url.split("//", 1)[1].split("/", 1)[1]
    client.handler.enforce_csrf_checks = True
    assert client.get("/" + path).status_code == 200
    assert not Preference.objects.exists()
    assert client.post("/" + path).status_code == 200
    assert Preference.objects.get(user=me).delivery == Delivery.NEVER


def test_bad_token_is_400(client):
    token = unsubscribe_token(user_id=1, target=KIND.key) + "x"
    url = reverse("notifications:unsubscribe", args=[token])
    assert client.post(url).status_code == 400

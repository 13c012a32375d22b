from __future__ import annotations

import pytest
from django.core import mail
from django.utils.translation import gettext_lazy as _

from alliage.core import hooks
from alliage.notifications.kinds import Delivery, Kind, get_kind
from alliage.notifications.models import Notification, Preference
from alliage.notifications.services import notification_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = Kind(
    key="tests.poked",
    label=_("Poked"),
    message=_("%(name)s poked you"),
    default=Delivery.NOW,
)


@pytest.fixture(autouse=True)
def _kind():
    with hooks.register_temporarily(hooks.NOTIFICATION_KINDS, KIND):
        yield


def test_unregistered_kind_is_an_error():
    with pytest.raises(LookupError):
        notification_send(kind="tests.unknown", recipients=[UserFactory()])
    with pytest.raises(LookupError):
        get_kind("tests.unknown")


def test_sender_and_inactive_accounts_are_not_told_and_nobody_twice():
    by, told, inactive = UserFactory(), UserFactory(), UserFactory(is_active=False)
    sent = notification_send(
        kind=KIND.key, recipients=[by, told, told, inactive], by=by, context={"name": "Ana"}
    )
    assert [n.recipient for n in sent] == [told]
    assert Notification.objects.get().context == {"name": "Ana"}


def test_at_once_is_emailed_in_the_recipients_language_and_only_once(
    django_capture_on_commit_callbacks,
):
    english, french = UserFactory(language="en"), UserFactory(language="fr")
    Preference.objects.create(user=french, kind=KIND.key, delivery=Delivery.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(kind=KIND.key, recipients=[english, french], context={"name": "Ana"})
    assert [m.to for m in mail.outbox] == [[english.email]]
    assert mail.outbox[0].subject == "Ana poked you"
    assert Notification.objects.get(recipient=french).delivery == Delivery.WEEKLY
    assert Notification.objects.get(recipient=english).emailed_at is not None
    from alliage.notifications.email import notifications_email

    assert (
        notifications_email(
            notification_ids=list(Notification.objects.values_list("pk", flat=True))
        )
        == 0
    )

"""The contact form: a real use of the "contactable" consent. It e-mails the person without
showing their address (replies go to the sender), only when they consented, and is throttled."""

from __future__ import annotations

from email.utils import parseaddr

import pytest
from django.core import mail
from django.test import Client

from alliage.actors.models import ContactMessage

from ..factories import PersonFactory

pytestmark = pytest.mark.django_db


def send(client: Client, pk: int, message: str, capture) -> object:
    with capture(execute=True):
        return client.post(f"/en/actors/people/{pk}/contact/", {"message": message})


def test_a_message_reaches_a_consenting_person_without_revealing_their_address(
    django_capture_on_commit_callbacks,
) -> None:
    recipient = PersonFactory(is_contactable=True, user__email="secret@example.org")
    sender = PersonFactory(first_name="Inès", last_name="Haddad", user__email="ines@example.org")
    client = Client()
    client.force_login(sender.user)
    page = client.get(f"/en/actors/people/{recipient.pk}/")
    assert page.context["can_contact"]
    assert "secret@example.org" not in page.content.decode()
    form = client.get(f"/en/actors/people/{recipient.pk}/contact/")
    assert "secret@example.org" not in form.content.decode()
    response = send(
        client, recipient.pk, "Bonjour, travaillons ensemble.", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert "secret@example.org" not in client.get(response["Location"]).content.decode()
    (email,) = mail.outbox
    assert email.to == ["secret@example.org"]
    assert [parseaddr(a) for a in email.reply_to] == [("Inès Haddad", "ines@example.org")]
    assert "secret@example.org" not in str(email.message()["Reply-To"])
    assert "Bonjour, travaillons ensemble." in email.body
    assert "Inès Haddad" in email.subject
    stored = ContactMessage.objects.get()
    assert stored.body == "" and stored.sent_at is not None  # the text is not kept


def test_no_message_without_consent(django_capture_on_commit_callbacks) -> None:
    recipient = PersonFactory(is_contactable=False)
    client = Client()
    client.force_login(PersonFactory().user)
    assert not client.get(f"/en/actors/people/{recipient.pk}/").context["can_contact"]
    assert client.get(f"/en/actors/people/{recipient.pk}/contact/").status_code == 404
    assert send(client, recipient.pk, "Hé", django_capture_on_commit_callbacks).status_code == 404
    assert not mail.outbox and not ContactMessage.objects.exists()


def test_anonymous_visitors_log_in_first(django_capture_on_commit_callbacks) -> None:
    recipient = PersonFactory(is_contactable=True)
    response = send(Client(), recipient.pk, "Hé", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not mail.outbox


def test_a_withdrawal_before_delivery_stops_the_message(django_capture_on_commit_callbacks) -> None:
    from alliage.actors.services import contact_send
    from alliage.actors.tasks import contact_deliver

    recipient = PersonFactory(is_contactable=True)
    sender = PersonFactory()
    message = contact_send(recipient=recipient, by=sender.user, message="Hé")  # not committed
    type(recipient).objects.filter(pk=recipient.pk).update(is_contactable=False)
    assert contact_deliver.call(message_id=message.pk) is False
    assert not mail.outbox


def test_senders_are_throttled(settings, django_capture_on_commit_callbacks) -> None:
    settings.ALLIAGE_CONTACT_DAILY_LIMIT = 2
    recipient = PersonFactory(is_contactable=True)
    client = Client()
    client.force_login(PersonFactory().user)
    for _ in range(2):
        assert (
            send(client, recipient.pk, "Hé", django_capture_on_commit_callbacks).status_code == 302
        )
    refused = send(client, recipient.pk, "Hé", django_capture_on_commit_callbacks)
    assert refused.status_code == 200 and "24 hours" in refused.content.decode()
    assert len(mail.outbox) == 2


def test_nobody_writes_to_themselves(django_capture_on_commit_callbacks) -> None:
    person = PersonFactory(is_contactable=True)
    client = Client()
    client.force_login(person.user)
    assert send(client, person.pk, "Moi", django_capture_on_commit_callbacks).status_code == 404

"""F10: password reset e-mails are limited per address asked for (whoever asks, and whether
or not an account uses it) and per client address; they go out in the account's language."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client

from ..factories import PersonFactory

pytestmark = pytest.mark.django_db

RESET = "/en/accounts/password/reset/"
START = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


def test_at_most_three_reset_e_mails_per_address_an_hour(settings) -> None:
    settings.ALLIAGE_RESET_RATES = {"address": "10/h", "email": "3/h"}
    person = PersonFactory(user__email="visiteur@example.org")
    with time_machine.travel(START, tick=False) as traveller:
        statuses = [
            Client(REMOTE_ADDR=f"203.0.113.{n}").post(RESET, {"email": "Visiteur@example.org"})
            for n in range(8)
        ]
        assert [r.status_code for r in statuses] == [302] * 3 + [429] * 5
        assert len(mail.outbox) == 3
        body = statuses[-1].content.decode()
        assert "Several messages were already sent to this address" in body
        assert 'value="Visiteur@example.org"' in body
        traveller.shift(dt.timedelta(hours=1))
        assert Client().post(RESET, {"email": person.user.email}).status_code == 302
        assert len(mail.outbox) == 4


def test_the_limit_does_not_tell_whether_the_address_has_an_account(settings) -> None:
    settings.ALLIAGE_RESET_RATES = {"address": "10/h", "email": "2/h"}
    PersonFactory(user__email="connu@example.org")

    def statuses(email: str) -> list[int]:
        return [
            Client(REMOTE_ADDR=f"198.51.100.{n}").post(RESET, {"email": email}).status_code
            for n in range(3)
        ]

    assert statuses("connu@example.org") == statuses("inconnu@example.org") == [302, 302, 429]


def test_reset_requests_from_one_address_are_limited(settings) -> None:
    settings.ALLIAGE_RESET_RATES = {"address": "2/h", "email": "3/h"}
    client = Client()
    statuses = [client.post(RESET, {"email": f"p{n}@example.org"}).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert (
        "Too many requests from your address"
        in client.post(RESET, {"email": "q@example.org"}).content.decode()
    )


def test_the_reset_e_mail_is_in_the_accounts_language() -> None:
    PersonFactory(user__email="fr@example.org", user__language="fr")
    PersonFactory(user__email="en@example.org", user__language="en")
    Client().post(RESET, {"email": "fr@example.org"})  # asked from the English pages
    Client().post("/accounts/password/reset/", {"email": "en@example.org"})  # from French ones
    french, english = mail.outbox
    assert "/en/accounts/password/reset/" not in french.body
    assert "/accounts/password/reset/" in french.body
    assert "/en/accounts/password/reset/" in english.body

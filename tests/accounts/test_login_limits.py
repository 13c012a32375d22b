"""F9: log-ins are limited per client address across accounts (password spraying), and an
account failed from anywhere is slowed down, not locked: the right password works after the
wait, and at once from a browser that logged in to it before."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from ..factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
START = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


def attempt(email: str, password: str, *, address: str, client: Client | None = None):
    client = client or Client(REMOTE_ADDR=address)
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def test_spraying_many_accounts_from_one_address_is_stopped(settings) -> None:
    settings.ALLIAGE_LOGIN_ADDRESS_RATE = "20/15m"
    people = [PersonFactory() for _ in range(8)]
    with time_machine.travel(START, tick=False) as traveller:
        statuses = [
            attempt(p.user.email, "wrong", address="198.51.100.9").status_code
            for _ in range(3)
            for p in people
        ]
        assert statuses[:20] == [200] * 20
        assert set(statuses[20:]) == {429}
        # Even the right password waits: the address is refused before any password is checked.
        refused = attempt(people[0].user.email, PASSWORD, address="198.51.100.9")
        assert refused.status_code == 429
        assert "Too many failed log-ins from your address" in refused.content.decode()
        assert 0 < int(refused["Retry-After"]) <= 15 * 60
        # Another address is not concerned.
        assert attempt(people[1].user.email, PASSWORD, address="203.0.113.7").status_code == 302
        traveller.shift(dt.timedelta(minutes=15))
        assert attempt(people[0].user.email, PASSWORD, address="198.51.100.9").status_code == 302


def test_an_account_failed_from_everywhere_is_slowed_not_locked(settings) -> None:
    settings.ALLIAGE_LOGIN_ACCOUNT_FREE_FAILURES = 10
    settings.ALLIAGE_LOGIN_ACCOUNT_DELAY = 30
    settings.ALLIAGE_LOGIN_ACCOUNT_MAX_DELAY = 900
    email = PersonFactory().user.email
    with time_machine.travel(START, tick=False) as traveller:
        for n in range(10):  # a botnet: one try per address, under every per-address limit
            assert attempt(email, "wrong", address=f"203.0.113.{n}").status_code == 200
        owner = Client()
        refused = attempt(email, PASSWORD, address="198.51.100.9", client=owner)
        assert refused.status_code == 429
        body = refused.content.decode()
        assert "wait 30 seconds" in body and "The right password will work" in body
        assert refused["Retry-After"] == "30"
        assert "_auth_user_id" not in owner.session

        # Each further failure doubles the wait.
        traveller.shift(dt.timedelta(seconds=30))
        assert attempt(email, "wrong", address="203.0.113.50").status_code == 200
        traveller.shift(dt.timedelta(seconds=59))
        assert attempt(email, PASSWORD, address="198.51.100.9").status_code == 429
        traveller.shift(dt.timedelta(seconds=1))
        assert attempt(email, "wrong", address="203.0.113.51").status_code == 200
        assert attempt(email, "wrong", address="203.0.113.52")["Retry-After"] == "120"

        # After the wait, the right password works, and the account starts afresh.
        traveller.shift(dt.timedelta(seconds=120))
        response = attempt(email, PASSWORD, address="198.51.100.9", client=owner)
        assert response.status_code == 302 and "_auth_user_id" in owner.session
        assert attempt(email, "wrong", address="203.0.113.53").status_code == 200


def test_the_delay_stops_growing_at_its_ceiling(settings) -> None:
    settings.ALLIAGE_LOGIN_ACCOUNT_FREE_FAILURES = 2
    settings.ALLIAGE_LOGIN_ACCOUNT_DELAY = 30
    settings.ALLIAGE_LOGIN_ACCOUNT_MAX_DELAY = 90
    email = PersonFactory().user.email
    with time_machine.travel(START, tick=False) as traveller:
        waits = []
        for n in range(20):
            response = attempt(email, "wrong", address=f"203.0.113.{n}")
            if response.status_code == 429:  # refused before the password is even checked
                waits.append(int(response["Retry-After"]))
                traveller.shift(dt.timedelta(seconds=waits[-1]))
        assert waits[:5] == [30, 60, 90, 90, 90]


def test_a_browser_that_logged_in_before_is_not_slowed_down(settings) -> None:
    settings.ALLIAGE_LOGIN_ACCOUNT_FREE_FAILURES = 3
    email = PersonFactory().user.email
    known = Client()
    assert attempt(email, PASSWORD, address="198.51.100.9", client=known).status_code == 302
    known.post("/en/accounts/logout/")
    for n in range(3):
        attempt(email, "wrong", address=f"203.0.113.{n}")
    assert attempt(email, PASSWORD, address="198.51.100.20").status_code == 429
    response = attempt(email, PASSWORD, address="198.51.100.9", client=known)
    assert response.status_code == 302 and "_auth_user_id" in known.session


def test_variants_of_the_address_count_for_the_same_account(settings) -> None:
    settings.ALLIAGE_LOGIN_ACCOUNT_FREE_FAILURES = 3
    person = PersonFactory(user__email="lea@example.org")
    for n, typed in enumerate([" LEA@example.org", "lea\uff20example.org", "Lea@Example.org\t"]):
        attempt(typed, "wrong", address=f"203.0.113.{n}")
    assert attempt(person.user.email, PASSWORD, address="198.51.100.9").status_code == 429


def test_the_admin_logs_in_through_the_sites_own_page(client) -> None:
    """The admin's form would bypass the per-address and per-account limits: it sends to the
    site's log-in page, keeping where to go next, and takes no password itself."""
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    response = client.post("/admin/login/", {"username": "x@example.org", "password": "x"})
    assert response.status_code == 302 and "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/admin/login/")

"""F3: the client address every limit counts by believes X-Forwarded-For only from the trusted
proxies (ALLIAGE_TRUSTED_PROXIES), read from the right."""

from __future__ import annotations

import pytest
from django.test import Client

from alliage.core.client_address import client_address_of

from ..factories import PASSWORD, PersonFactory

PROXY = "10.0.0.5"


def meta(remote: str, xff: str | None = None) -> dict[str, str]:
    data = {"REMOTE_ADDR": remote}
    if xff is not None:
        data["HTTP_X_FORWARDED_FOR"] = xff
    return data


def test_without_trusted_proxies_the_peer_is_the_client(settings) -> None:
    settings.ALLIAGE_TRUSTED_PROXIES = []
    assert client_address_of(meta("198.51.100.9", "203.0.113.7")) == "198.51.100.9"


def test_an_untrusted_peer_cannot_choose_its_address(settings) -> None:
    settings.ALLIAGE_TRUSTED_PROXIES = [PROXY]
    assert client_address_of(meta("198.51.100.9", "203.0.113.7, 10.0.0.5")) == "198.51.100.9"


def test_a_trusted_proxy_names_the_client_and_what_the_client_wrote_is_ignored(
    settings,
) -> None:
    settings.ALLIAGE_TRUSTED_PROXIES = [PROXY]
    # The client wrote "1.2.3.4"; the proxy appended the address it saw.
    assert client_address_of(meta(PROXY, "1.2.3.4, 203.0.113.7")) == "203.0.113.7"


def test_a_chain_of_trusted_proxies_is_skipped_from_the_right(settings) -> None:
    settings.ALLIAGE_TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]
    chain = "6.6.6.6, 203.0.113.7, 2001:db8::1, 10.1.2.3"
    assert client_address_of(meta("10.0.0.5", chain)) == "203.0.113.7"
    # An untrusted hop in the middle is the client: whatever is to its left is not believed.
    assert client_address_of(meta("10.0.0.5", "203.0.113.7, 198.51.100.1, 10.1.2.3")) == (
        "198.51.100.1"
    )


def test_malformed_hops_and_ports_are_not_believed(settings) -> None:
    settings.ALLIAGE_TRUSTED_PROXIES = [PROXY]
    assert client_address_of(meta(PROXY, "not-an-address")) == PROXY
    assert client_address_of(meta(PROXY, "203.0.113.7:4711")) == "203.0.113.7"
    assert client_address_of(meta(PROXY, "[2001:db8::7]:443")) == "2001:db8::7"
    assert client_address_of(meta(PROXY, "")) == PROXY
    assert client_address_of(meta("::ffff:198.51.100.9")) == "198.51.100.9"


@pytest.mark.django_db
def test_spoofed_forwarded_for_from_an_untrusted_peer_shares_the_peers_budget(settings) -> None:
    settings.ALLIAGE_TRUSTED_PROXIES = [PROXY]
    settings.ALLIAGE_API_RATES = {**settings.ALLIAGE_API_RATES, "read": "2/m"}
    client = Client(REMOTE_ADDR="198.51.100.9")
    statuses = [
        client.get("/api/v1/programmes", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 429, 429]


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_has_its_own_budget(settings) -> None:
    settings.ALLIAGE_TRUSTED_PROXIES = ["10.0.0.0/24"]
    settings.ALLIAGE_API_RATES = {**settings.ALLIAGE_API_RATES, "read": "2/m"}
    client = Client(REMOTE_ADDR="10.0.0.5")

    def get(xff: str) -> int:
        return client.get("/api/v1/programmes", HTTP_X_FORWARDED_FOR=xff).status_code

    assert [get("203.0.113.7, 10.0.0.9") for _ in range(3)] == [200, 200, 429]
    # Another client through the same two proxies; what a client writes first changes nothing.
    assert get("203.0.113.8, 10.0.0.9") == 200
    assert get("1.1.1.1, 203.0.113.7, 10.0.0.9") == 429


@pytest.mark.django_db
def test_the_log_in_lock_is_per_client_behind_the_proxy(settings) -> None:
    """django-axes counts by the same address: a client behind the proxy who fails on an
    account locks it for their own address only."""
    settings.ALLIAGE_TRUSTED_PROXIES = [PROXY]
    person = PersonFactory()
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post("/en/accounts/login/", {"username": person.user.email, "password": "no"})
    locked = attacker.post(
        "/en/accounts/login/", {"username": person.user.email, "password": PASSWORD}
    )
    assert locked.status_code == 429
    owner = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    response = owner.post(
        "/en/accounts/login/", {"username": person.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and "_auth_user_id" in owner.session


def test_a_request_without_an_address_is_unknown_to_the_limits_and_none_to_axes() -> None:
    from django.http import HttpRequest

    from alliage.core.client_address import axes_client_address, client_address

    assert client_address(HttpRequest()) == "unknown"
    assert axes_client_address(HttpRequest()) is None

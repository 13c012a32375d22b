"""The convergences' threshold reads in the page's language: "0,35" in French, and a comma
typed is understood."""

from __future__ import annotations

import pytest
from django.test import Client

from ..factories import CallFactory, PersonFactory


@pytest.fixture
def team_client(matching_index):
    call = CallFactory()
    team = PersonFactory().user
    call.programme.team.add(team)
    client = Client()
    client.force_login(team)
    return client, call


def threshold_input(body: str) -> str:
    return body.split('id="threshold"')[1].split(">")[0]


def test_the_threshold_shows_a_decimal_comma_in_french(team_client) -> None:
    client, call = team_client
    french = client.get(f"/calls/{call.slug}/convergences/").content.decode()
    assert 'value="0,35"' in threshold_input(french)
    assert 'inputmode="decimal"' in threshold_input(french)
    english = client.get(f"/en/calls/{call.slug}/convergences/").content.decode()
    assert 'value="0.35"' in threshold_input(english)


def test_a_threshold_typed_with_a_comma_is_understood(team_client) -> None:
    client, call = team_client
    page = client.get(f"/calls/{call.slug}/convergences/", {"threshold": "0,5"}).content.decode()
    assert 'value="0,50"' in threshold_input(page)
    page = client.get(f"/calls/{call.slug}/convergences/", {"threshold": "2,5"}).content.decode()
    assert 'value="0,95"' in threshold_input(page)  # kept within its bounds

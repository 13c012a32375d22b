"""The convergences' threshold: suggested for each call from its own proposals, shown with
its slider's range, in the page's language ("0,35" in French), and a comma typed is
understood; what is not a number says so and falls back on the suggestion."""

from __future__ import annotations

import pytest
from django.test import Client

from alliage.calls.models import SubmissionStatus
from alliage.matching import clusters, store

from ..factories import CallFactory, PersonFactory, SubmissionFactory

IDEAS = [
    "Réparer les ordinateurs des écoles avec les élèves",
    "Atelier de réparation des ordinateurs dans les écoles",
    "Des ordinateurs réparés pour les écoles du quartier",
    "Réduire l'empreinte énergétique des serveurs municipaux",
    "Moins d'énergie pour les serveurs de la ville",
    "Un guichet humain pour les démarches en ligne",
]


@pytest.fixture
def team_client(matching_index):
    call = CallFactory()
    team = PersonFactory().user
    call.programme.team.add(team)
    for text in IDEAS:
        SubmissionFactory(call=call, title=text, summary=text, status=SubmissionStatus.SUBMITTED)
    client = Client()
    client.force_login(team)
    return client, call


def threshold_input(body: str) -> str:
    return body.split('id="threshold"')[1].split(">")[0]


def test_the_page_opens_at_the_threshold_suggested_for_the_call(team_client) -> None:
    client, call = team_client
    response = client.get(f"/calls/{call.slug}/convergences/")
    found = response.context["grouping"]
    index = store.index_exact()
    keys = [f"submission:{s.pk}" for s in call.submissions.order_by("pk")]
    expected = clusters.grouping(index, keys)
    assert found.suggested == expected.suggested == found.threshold
    body = response.content.decode()
    suggested = f"{found.suggested:.2f}"
    assert f'value="{suggested.replace(".", ",")}"' in threshold_input(body)
    slider = body.split('id="threshold-slider"')[1].split(">")[0]
    assert f'min="{found.lowest:.2f}"' in slider and f'max="{found.highest:.2f}"' in slider
    assert f'<option value="{suggested}">' in body  # the suggestion marked on the slider
    assert "Back to the suggested value" not in body and "Revenir" not in body
    # the three repair proposals make the first group
    first = response.context["found"].groups[0]
    assert {s.title for s in first.submissions} >= set(IDEAS[:2])
    # a call of a few proposals: the cut where closeness drops most, and the page says so
    assert found.target is None
    assert (
        "where the closeness between the proposals drops the most"
        in client.get(f"/en/calls/{call.slug}/convergences/").content.decode()
    )


def test_a_bigger_call_says_the_group_size_its_suggestion_aims_at(team_client) -> None:
    client, call = team_client
    for n in range(8):  # 14 proposals in all: the mean-size rule, three a group
        text = f"Des jardins partagés numériques dans le quartier numéro {n}"
        SubmissionFactory(call=call, title=text, summary=text, status=SubmissionStatus.SUBMITTED)
    response = client.get(f"/en/calls/{call.slug}/convergences/")
    grouping = response.context["grouping"]
    assert grouping.target == clusters.MIN_GROUP
    body = response.content.decode()
    assert "the groups hold about 3 proposals each" in body
    assert "drops the most" not in body


def test_the_threshold_shows_a_decimal_comma_in_french(team_client) -> None:
    client, call = team_client
    french = client.get(f"/calls/{call.slug}/convergences/", {"threshold": "0.35"})
    assert 'value="0,35"' in threshold_input(french.content.decode())
    assert 'inputmode="decimal"' in threshold_input(french.content.decode())
    english = client.get(f"/en/calls/{call.slug}/convergences/", {"threshold": "0.35"})
    assert 'value="0.35"' in threshold_input(english.content.decode())
    assert "Back to the suggested value" in english.content.decode()


def test_a_threshold_typed_with_a_comma_is_understood(team_client) -> None:
    client, call = team_client
    page = client.get(f"/calls/{call.slug}/convergences/", {"threshold": "0,5"}).content.decode()
    assert 'value="0,50"' in threshold_input(page)
    page = client.get(f"/calls/{call.slug}/convergences/", {"threshold": "2,5"}).content.decode()
    assert 'value="0,95"' in threshold_input(page)  # kept within its bounds


@pytest.mark.parametrize("typed", ["beaucoup", "nan", "inf", "1e999", "0,3,4"])
def test_what_is_not_a_number_says_so_and_keeps_the_suggestion(team_client, typed) -> None:
    client, call = team_client
    response = client.get(f"/en/calls/{call.slug}/convergences/", {"threshold": typed})
    assert response.status_code == 200
    found = response.context["grouping"]
    assert found.threshold == found.suggested
    body = response.content.decode()
    assert 'aria-invalid="true"' in threshold_input(body)
    assert "Type a number such as 0.25" in body

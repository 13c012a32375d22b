"""The team's pages that name an object (a programme's slug) refuse another programme's team;
lists of the team never show another programme's rows."""

from __future__ import annotations

import pytest
from django.test import Client

from ..factories import CoalitionFactory, IndicatorFactory, PersonFactory, ProgrammeFactory
from .factories import JoinRequestFactory, age

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_teams():
    mine, theirs = ProgrammeFactory(), ProgrammeFactory(name="Le programme des autres")
    me = PersonFactory().user
    mine.team.add(me)
    client = Client()
    client.force_login(me)
    return client, mine, theirs


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "edit/", {}),
        ("post", "edit/", {"name": "Volé", "kind": "project"}),
        ("post", "move/", {"direction": "up"}),
        ("post", "archive/", {"archive": "on"}),
    ],
)
def test_another_programmes_pages_do_not_exist_for_me(two_teams, method, path, data) -> None:
    client, _, theirs = two_teams
    response = getattr(client, method)(f"/en/team/programmes/{theirs.slug}/{path}", data)
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Le programme des autres"
    assert not theirs.is_archived


def test_team_lists_hold_only_my_programmes_rows(two_teams) -> None:
    client, mine, theirs = two_teams
    hidden = CoalitionFactory(programme=theirs, is_published=False, title="Coalition cachée")
    age(JoinRequestFactory(coalition=hidden), days=30)
    IndicatorFactory(coalition=hidden, name="Indicateur caché", is_public=False)
    for url in (
        "/en/team/programmes/requests/",
        f"/en/team/programmes/requests/?programme={theirs.slug}",
        "/en/team/indicators/",
        f"/en/team/indicators/?programme={theirs.slug}",
        "/en/team/",
    ):
        html = client.get(url).content.decode()
        assert "Coalition cachée" not in html, url
        assert "Indicateur caché" not in html, url
    assert mine.pk

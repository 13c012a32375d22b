"""The site-wide search (/search/): one query finds coalitions, organisations, people, events,
calls and publications whatever the accents, each kind through its own list's visibility
filter, so that nobody finds what they may not see; bad input answers cleanly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliage.actors.models import Visibility
from alliage.coalitions.models import MemberRole

from ..factories import (
    CallFactory,
    CoalitionFactory,
    CoalitionMemberFactory,
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_query_without_accents_finds_coalitions_publications_and_events() -> None:
    CoalitionFactory(title="Sobriété des serveurs", summary="Moins de machines.")
    PublicationFactory(title="Cahier des communs", summary="Vers la sobriété numérique.")
    EventFactory(title="Atelier du jeudi", description="On y parle de Sobriété.")
    CoalitionFactory(title="Autre chose", summary="Rien à voir.")

    html = page(Client(), "/search/?q=sobriete")

    assert "Sobriété des serveurs" in html
    assert "Cahier des communs" in html
    assert "Atelier du jeudi" in html
    assert "Autre chose" not in html
    # The excerpt marks the word found, with its accents, whatever was typed.
    assert "<mark>sobriété</mark>" in html


def test_every_kind_is_searched_and_grouped_under_its_heading() -> None:
    CoalitionFactory(title="Réemploi solidaire")
    OrganisationFactory(name="Atelier du réemploi")
    PersonFactory(first_name="Zoé", last_name="Lemaire", bio="Je travaille sur le réemploi.")
    EventFactory(title="Journée réemploi")
    CallFactory(title="Appel réemploi", description="Des projets de réemploi.")
    PublicationFactory(title="Guide du réemploi")

    html = page(Client(), "/en/search/?q=reemploi")

    for heading in ("Coalitions", "Organisations", "People", "Events", "Calls", "Publications"):
        assert f'">{heading} <span class="search-count">1</span></h2>' in html, heading
    for title in ("Atelier du réemploi", "Zoé Lemaire", "Journée réemploi", "Appel réemploi"):
        assert title in html
    # In the site's order of kinds.
    assert html.index("results-coalitions") < html.index("results-people")
    assert html.index("results-events") < html.index("results-publications")


def test_a_visitor_finds_nothing_that_is_not_public() -> None:
    coalition = CoalitionFactory(title="Coalition ouverte zorglub")
    CoalitionFactory(title="Coalition cachée zorglub", is_published=False)
    EventFactory(title="Petit-déjeuner zorglub", audience="members")
    EventFactory(title="Réunion interne zorglub", audience="coalition", coalition=coalition)
    PublicationFactory(title="Brouillon zorglub", status="draft", published_on=None)
    PersonFactory(
        first_name="Secret", last_name="Bio", bio="zorglub", bio_visibility=Visibility.PRIVATE
    )
    PersonFactory(
        first_name="Adhérents", last_name="Seulement", bio="zorglub",
        bio_visibility=Visibility.MEMBERS,
    )  # fmt: skip
    PersonFactory(first_name="Zorglub", last_name="Masqué", hidden_by_moderation=True)
    PersonFactory(first_name="Zorglub", last_name="Absent", is_listed=False)

    html = page(Client(), "/en/search/?q=zorglub")

    assert "Coalition ouverte zorglub" in html
    for hidden in (
        "Coalition cachée",
        "Petit-déjeuner",
        "Réunion interne",
        "Brouillon",
        "Secret Bio",
        "Adhérents Seulement",
        "Masqué",
        "Absent",
    ):
        assert hidden not in html, hidden


def test_members_find_what_they_may_see_and_no_more() -> None:
    coalition = CoalitionFactory(title="Coalition cachée zorglub", is_published=False)
    member = CoalitionMemberFactory(coalition=coalition, role=MemberRole.MEMBER).person
    MembershipFactory(organisation=None, person=member, tier="individual")  # an adhérent
    EventFactory(title="Réunion interne zorglub", audience="coalition", coalition=coalition)
    EventFactory(title="Petit-déjeuner zorglub", audience="members")
    PersonFactory(
        first_name="Adhérents", last_name="Seulement", bio="zorglub",
        bio_visibility=Visibility.MEMBERS,
    )  # fmt: skip
    PersonFactory(
        first_name="Secret", last_name="Bio", bio="zorglub", bio_visibility=Visibility.PRIVATE
    )
    PublicationFactory(title="Brouillon zorglub", status="draft", published_on=None)
    CoalitionFactory(title="Coalition d'autres zorglub", is_published=False)

    html = page(signed_in(member.user), "/en/search/?q=zorglub")

    for seen in (
        "Coalition cachée zorglub",
        "Réunion interne zorglub",
        "Petit-déjeuner zorglub",
        "Adhérents Seulement",
    ):
        assert seen in html, seen
    for hidden in ("Secret Bio", "Brouillon", "Coalition d&#x27;autres", "Coalition d'autres"):
        assert hidden not in html, hidden


def test_an_author_finds_their_draft() -> None:
    author = PersonFactory()
    draft = PublicationFactory(title="Brouillon zorglub", status="draft", published_on=None)
    draft.author_people.add(author)

    assert "Brouillon zorglub" in page(signed_in(author.user), "/en/search/?q=zorglub")
    assert "Brouillon zorglub" not in page(Client(), "/en/search/?q=zorglub")


def test_a_person_is_found_only_by_the_fields_the_viewer_may_read() -> None:
    """A field shown to members only, matched by a member, is not printed to a visitor who
    found the person by name."""
    PersonFactory(
        first_name="Zorglub", last_name="Dupont", bio="Passionnée de vélo-cargo.",
        bio_visibility=Visibility.MEMBERS,
    )  # fmt: skip

    assert "vélo-cargo" not in page(Client(), "/en/search/?q=velo")
    html = page(Client(), "/en/search/?q=zorglub")
    assert "Zorglub Dupont" in html
    assert "vélo-cargo" not in html


def test_upcoming_events_come_before_past_ones() -> None:
    now = dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
    EventFactory(title="Passé zorglub", starts_at=now - dt.timedelta(days=30))
    EventFactory(title="Lointain zorglub", starts_at=now + dt.timedelta(days=60))
    EventFactory(title="Proche zorglub", starts_at=now + dt.timedelta(days=2))

    html = page(Client(), "/en/search/?q=zorglub")

    assert html.index("Proche") < html.index("Lointain") < html.index("Passé")


def test_the_first_five_of_a_kind_are_shown_with_a_link_to_its_list() -> None:
    for i in range(7):
        CoalitionFactory(title=f"Vélo {i}")
    CoalitionFactory(title="Vélo au titre", summary="")

    html = page(Client(), "/en/search/?q=velo")

    assert html.count('class="card"') == 5
    assert '<span class="search-count">8</span></h2>' in html
    assert 'href="/en/coalitions/?q=velo"' in html
    assert "See all 8 coalitions found" in html


def test_the_links_lead_to_each_list_searched() -> None:
    now = dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
    for i in range(3):
        EventFactory(title=f"Futur vélo {i}")
        EventFactory(title=f"Passé vélo {i}", starts_at=now - dt.timedelta(days=10 + i))
    for i in range(6):
        PersonFactory(first_name="Vélo", last_name=f"Cycliste {i}")

    html = page(Client(), "/en/search/?q=v%C3%A9lo")

    assert 'href="/en/agenda/?q=v%C3%A9lo"' in html
    assert "See all 3 upcoming events found" in html
    assert 'href="/en/agenda/?when=past&amp;q=v%C3%A9lo"' in html
    assert "See all 3 past events found" in html
    assert 'href="/en/actors/?tab=people&amp;q=v%C3%A9lo"' in html


def test_one_kind_is_paged_on_its_own() -> None:
    for i in range(23):
        CoalitionFactory(title=f"Vélo {i:02}")
    OrganisationFactory(name="Vélo club")

    html = page(Client(), "/en/search/?q=velo&kind=coalitions")
    assert html.count('class="card"') == 20
    assert "Vélo club" not in html
    assert 'rel="next"' in html
    second = page(Client(), "/en/search/?q=velo&kind=coalitions&page=2")
    assert second.count('class="card"') == 3
    assert "All results for “velo”" in second
    # A page number beyond the end gives the last page.
    assert page(Client(), "/en/search/?q=velo&kind=coalitions&page=99").count('class="card"') == 3


def test_an_unknown_kind_searches_every_kind() -> None:
    OrganisationFactory(name="Vélo club")
    assert "Vélo club" in page(Client(), "/en/search/?q=velo&kind=nope")


def test_an_empty_query_shows_the_form_and_a_hint() -> None:
    CoalitionFactory(title="Vélo")
    html = page(Client(), "/en/search/")
    assert 'type="search" name="q"' in html
    assert "accents and capitals do not matter" in html
    assert "Vélo" not in html


def test_punctuation_alone_searches_nothing() -> None:
    CoalitionFactory(title="Vélo")
    html = page(Client(), "/en/search/?q=%25%27*+-")
    assert "Vélo" not in html
    assert "punctuation alone finds nothing" in html


def test_a_query_that_finds_nothing_says_so() -> None:
    CoalitionFactory(title="Vélo")
    html = page(Client(), "/en/search/?q=zzyzx")
    assert "Nothing matches “zzyzx”." in html
    assert "Check the spelling" in html


def test_french_is_the_default() -> None:
    CoalitionFactory(title="Vélo")
    html = page(Client(), "/search/?q=velo")
    assert "Rechercher" in html
    assert "Vélo" in html


def test_the_query_is_echoed_escaped() -> None:
    response = Client().get("/en/search/", {"q": '<script>alert("x")</script>'})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


@pytest.mark.parametrize(
    "q",
    [
        "%",
        "%%",
        "'",
        '"',
        '"unclosed',
        "*",
        "a*",
        "NEAR(a b)",
        "title:x",
        "-x",
        "x OR y AND NOT z",
        "\\",
        "_",
        "ü" * 3,
        "😀 vélo",
        "a" * 5000,
        "mot " * 300,
        "<b>",
        "1' OR '1'='1",
    ],
)
def test_odd_queries_answer_a_page(q: str) -> None:
    CoalitionFactory(title="Vélo")
    response = Client().get("/en/search/", {"q": q})
    assert response.status_code == 200


def test_a_nul_byte_is_refused_cleanly() -> None:
    response = Client().get("/en/search/?q=v%00lo")
    assert response.status_code == 400


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"])))
def test_any_text_answers_a_page(q: str) -> None:
    for url in ("/en/search/", "/search/"):
        response = Client().get(url, {"q": q, "kind": "coalitions"})
        assert response.status_code == 200, q
        response = Client().get(url, {"q": q})
        assert response.status_code == 200, q


def test_a_visitor_page_is_cached_and_a_signed_in_one_never() -> None:
    CoalitionFactory(title="Vélo")
    url = "/en/search/?q=velo"
    Client().get(url)
    again = Client().get(url)
    assert again["X-Page-Cache"] == "hit"
    assert "Vélo" in again.content.decode()
    client = signed_in(PersonFactory().user)
    client.get(url)
    with CaptureQueriesContext(connection) as signed:
        response = client.get(url)
    assert "X-Page-Cache" not in response
    assert len(signed.captured_queries) > 0

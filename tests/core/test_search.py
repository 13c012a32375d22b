"""The one full-text search (core.search) behind every searched list, on the database the suite
runs on (SQLite by default, PostgreSQL with ALLIAGE_DATABASE_URL): accents and case do not
matter, a write is searchable at once, a private field is never found, and the index serves
the query."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alliage.actors import selectors as actors
from alliage.actors.models import Organisation, Person
from alliage.agenda import selectors as agenda
from alliage.calls import selectors as calls
from alliage.coalitions import selectors as coalitions
from alliage.coalitions.models import Coalition
from alliage.commons import selectors as commons
from alliage.core import search
from alliage.core.search import (
    _sqlite_triggers,
    search_indexes,
    search_indexes_ensure,
    search_words,
    text_search,
)

from ..factories import (
    CallFactory,
    CoalitionFactory,
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db
ANON = AnonymousUser()


@pytest.fixture(params=["few matches", "many matches"])
def both_paths(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search with few matches fetches them by id; one with many filters the list itself
    (``FEW_MATCHES``): both must find the same rows."""
    if request.param == "many matches":
        monkeypatch.setattr(search, "FEW_MATCHES", -1)


def coalition_titles(q: str) -> set[str]:
    return {c.title for c in coalitions.coalition_list(viewer=ANON, q=q)}


@pytest.mark.parametrize("q", ["numerique", "NUMÉRIQUE", "Numérique", "numériques", "numéri"])
def test_coalitions_are_found_whatever_the_accents_and_the_case(q: str, both_paths: None) -> None:
    CoalitionFactory(title="Sobriété du numérique", summary="")
    CoalitionFactory(title="Autre chose", summary="")
    if q == "numériques" and connection.vendor == "sqlite":
        pytest.skip("FTS5 does not stem: a plural finds the plural only")
    if q == "numéri" and connection.vendor == "postgresql":
        pytest.skip("PostgreSQL matches whole (stemmed) words")
    assert coalition_titles(q) == {"Sobriété du numérique"}


def test_every_searched_list_folds_accents(both_paths: None) -> None:
    OrganisationFactory(name="Énergie partagée", description="")
    OrganisationFactory(name="Autre")
    PersonFactory(first_name="Hélène", last_name="Dupré", is_listed=True)
    PublicationFactory(title="Données ouvertes des territoires")
    PublicationFactory(title="Autre cahier")
    EventFactory(title="Atelier énergie", place="Lyon")
    EventFactory(title="Autre atelier", place="Nantes")
    CallFactory(title="Appel données", description="")
    CallFactory(title="Autre appel", description="")

    assert [o.name for o in actors.organisation_list(q="energie")] == ["Énergie partagée"]
    assert [p.last_name for p in actors.person_list(q="helene dupre")] == ["Dupré"]
    assert [p.title for p in commons.publication_list(viewer=ANON, q="DONNEES")] == [
        "Données ouvertes des territoires"
    ]
    assert [e.title for e in agenda.event_list(viewer=ANON, q="energie")] == ["Atelier énergie"]
    assert [e.title for e in agenda.event_list(viewer=ANON, q="lyon")] == ["Atelier énergie"]
    assert [c.title for c in calls.call_list(viewer=ANON, q="donnees")] == ["Appel données"]


def test_every_word_must_match_somewhere() -> None:
    CoalitionFactory(title="Sobriété", summary="", diagnostic="Le territoire rural")
    CoalitionFactory(title="Sobriété", summary="", diagnostic="La ville")
    assert len(coalition_titles("sobriete territoire")) == 1
    assert coalitions.coalition_list(viewer=ANON, q="sobriete territoire").get().diagnostic == (
        "Le territoire rural"
    )


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "x ___ y",
        "NEAR(a b)",
        "a* OR -b",
        "title:x",
        "'); DROP TABLE x; --",
        "^a",
        "a & !b | c:*",
    ],
)
def test_query_syntax_typed_by_the_user_is_only_words(q: str) -> None:
    CoalitionFactory(title="Coalition a b c x")
    list(coalitions.coalition_list(viewer=ANON, q=q))  # never an error


def test_a_query_without_a_word_filters_nothing() -> None:
    CoalitionFactory()
    assert search_words("  ,;!  ") == []
    assert coalitions.coalition_list(viewer=ANON, q=" ,;! ").count() == 1


def test_a_saved_change_is_searchable_at_once(both_paths: None) -> None:
    coalition = CoalitionFactory(title="Mobilité douce", summary="")
    assert coalition_titles("mobilite") == {"Mobilité douce"}
    coalition.title = "Alimentation locale"
    coalition.save()
    assert coalition_titles("mobilite") == set()
    assert coalition_titles("alimentation") == {"Alimentation locale"}
    # A bulk update too: the database keeps the index.
    Coalition.objects.filter(pk=coalition.pk).update(levers="vélo cargo")
    assert coalition_titles("velo") == {"Alimentation locale"}
    coalition.delete()
    assert coalition_titles("alimentation") == set()


def test_tags_are_searched_and_follow_their_changes(both_paths: None) -> None:
    organisation = OrganisationFactory(name="Collectif", description="")
    assert not actors.organisation_list(q="ecoconception").exists()
    organisation.tags.create(name="écoconception")
    assert list(actors.organisation_list(q="ecoconception")) == [organisation]
    organisation.tags.clear()
    assert not actors.organisation_list(q="ecoconception").exists()


@pytest.mark.parametrize("viewer", ["anonymous", "adherent"])
def test_a_private_field_is_never_found(viewer: str, both_paths: None) -> None:
    person = PersonFactory(
        is_listed=True,
        bio="Zéphyrine",
        bio_visibility="private",
        intentions="Quetzalcoatl",
        intentions_visibility="members",
        capabilities="Ornithorynque",
        capabilities_visibility="public",
    )
    person.tags.create(name="mandragore")
    Person.objects.filter(pk=person.pk).update(tags_visibility="private")
    user = ANON
    if viewer == "adherent":
        adherent = PersonFactory()
        MembershipFactory(organisation=None, person=adherent, tier="individual")
        user = adherent.user

    def found(q: str) -> bool:
        return person in actors.person_list(q=q, viewer=user)

    assert found("ornithorynque")
    assert not found("zephyrine")
    assert not found("Zéphyrine")
    assert not found("mandragore")
    assert found("Quetzalcoatl") == (viewer == "adherent")
    # A field made private stops being found at once, a field made public starts.
    Person.objects.filter(pk=person.pk).update(
        capabilities_visibility="private", bio_visibility="public"
    )
    assert not found("ornithorynque")
    assert found("zephyrine")


def test_the_index_holds_only_what_everyone_may_see() -> None:
    """Read the stored index itself: a private field's words are not in it."""
    person = PersonFactory(bio="Zéphyrine", bio_visibility="private", is_listed=True)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT search_vector::text FROM actors_person WHERE id = %s", [person.pk]
            )
        else:
            cursor.execute(
                "SELECT title || ' ' || body FROM actors_person_fts WHERE rowid = %s", [person.pk]
            )
        stored = cursor.fetchone()[0].lower()
    assert stored.strip()  # the name is there
    assert "zeph" not in stored and "zéph" not in stored


def test_ranked_search_puts_title_matches_first(both_paths: None) -> None:
    body = CoalitionFactory(title="Autre", summary="", levers="forêt forêt")
    title = CoalitionFactory(title="Forêt", summary="")
    ranked = text_search(
        Coalition.objects.all(), "foret", index=coalitions.SEARCH_INDEX, ranked=True
    )
    assert list(ranked) == [title, body]


def test_the_search_page_makes_as_many_queries_whatever_the_data() -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert Client().get("/coalitions/", {"q": "Vélo"}).status_code == 200
        return len(ctx)

    CoalitionFactory.create_batch(2, title="Vélo")
    few = queries()
    CoalitionFactory.create_batch(8, title="Vélo")
    assert queries() == few


def test_the_search_pages_answer() -> None:
    CallFactory(title="Appel données")
    EventFactory(title="Atelier énergie")
    client = Client()
    assert "Appel données" in client.get("/en/calls/", {"q": "donnees"}).content.decode()
    assert "Appel données" not in client.get("/en/calls/", {"q": "absent"}).content.decode()
    assert "Atelier énergie" in client.get("/en/agenda/", {"q": "energie"}).content.decode()
    htmx = client.get("/en/calls/", {"q": "donnees"}, headers={"HX-Request": "true"})
    assert "<html" not in htmx.content.decode() and "Appel données" in htmx.content.decode()


def test_lost_triggers_are_put_back_after_migrate() -> None:
    """Django rebuilds a SQLite table that a migration alters, which drops its triggers;
    ``search_indexes_ensure`` (run after every migrate) creates them again and refills."""
    CoalitionFactory(title="Tramway", summary="")
    index = coalitions.SEARCH_INDEX
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'DROP TRIGGER "{index.table}_search" ON "{index.table}"')
        else:
            for name in _sqlite_triggers(index):
                cursor.execute(f'DROP TRIGGER "{name}"')
            cursor.execute(f'DELETE FROM "{index.fts}"')  # noqa: S608 - a declared name
    CoalitionFactory(title="Tramway nommé désir", summary="")
    assert search_indexes_ensure() == [index]
    assert coalition_titles("tramway") == {"Tramway", "Tramway nommé désir"}
    assert search_indexes_ensure() == []


def test_search_rebuild_fills_every_index() -> None:
    CoalitionFactory(title="Tramway", summary="")
    call_command("search_rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert coalition_titles("tramway") == {"Tramway"}
    assert {i.model for i in search_indexes()} == {
        "coalitions.Coalition",
        "commons.Publication",
        "actors.Organisation",
        "actors.Person",
        "agenda.Event",
        "calls.Call",
    }


def test_postgresql_serves_the_search_from_the_gin_index(monkeypatch: pytest.MonkeyPatch) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    monkeypatch.setattr(search, "FEW_MATCHES", -1)  # the query itself, not a list of ids
    CoalitionFactory.create_batch(3)
    # The search on its own: the list's other filters bring other indexes (bench/search.py
    # shows the whole list's plans at scale, where the planner picks the GIN index itself).
    for index, model in (
        (coalitions.SEARCH_INDEX, Coalition),
        (actors.ORGANISATION_SEARCH, Organisation),
        (actors.PERSON_SEARCH, Person),
    ):
        qs = text_search(model.objects.all(), "sobriété territoire", index=index)
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert f"Bitmap Index Scan on {index.table}_search_vector" in plan, plan
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%%_search_vector' "
            "AND indexdef LIKE '%%USING gin%%'"
        )
        assert cursor.fetchone()[0] == 6

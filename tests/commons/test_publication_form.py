"""The publication form: authors, organisations and coalitions as checkbox lists, and a
title another publication already has, saved only once confirmed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from alliage.commons.models import Publication

from ..factories import (
    CoalitionFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from .conftest import Library, client_for

pytestmark = pytest.mark.django_db

RELATIONS = ("author_people", "author_organisations", "coalitions")


def form_data(library: Library, **data: object) -> dict[str, object]:
    return {
        "kind": "guide",
        "summary": "Un guide.",
        "licence": "CC-BY-4.0",
        "status": "draft",
        "programme": library.programme.pk,
        **data,
    }


def edit_url(publication: Publication) -> str:
    return reverse("commons:publication-edit", args=[publication.slug])


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_relations_are_checkbox_lists_without_the_ctrl_help(
    library: Library, language: str
) -> None:
    person = PersonFactory(first_name="Élodie", last_name="Vasseur")
    body = (
        client_for(library.team)
        .get("/en/library/new/" if language == "en" else "/library/new/")
        .content.decode()
    )
    assert "<select multiple" not in body and 'multiple=""' not in body
    assert "Ctrl" not in body
    for name in RELATIONS:
        # A fieldset (its legend is the label), the filter box for the script, the list.
        pattern = (
            r'<fieldset class="choices"[^>]*><legend>[^<]+</legend>\s*'
            r'<div class="checklist" data-checklist[^>]*>\s*'
            rf'<div class="checklist-tools" hidden>\s*<label for="id_{name}_filter">'
        )
        assert re.search(pattern, body), name
        assert f'<div class="checklist-box" id="id_{name}">' in body
    assert re.search(
        rf'<label for="id_author_people_\d+"><input type="checkbox" name="author_people" '
        rf'value="{person.pk}"',
        body,
    )
    assert re.search(r'<script src="/static/alliage/checklist.js" defer></script>', body)


def test_the_script_has_the_count_of_ticked_choices_in_the_page_language(
    library: Library,
) -> None:
    body = client_for(library.team).get("/en/library/new/").content.decode()
    assert (
        'data-count-none="None selected" data-count-one="%(count)s selected" '
        'data-count-many="%(count)s selected"'
    ) in body
    french = client_for(library.team).get("/library/new/").content.decode()
    assert (
        'data-count-none="Aucune case cochée" data-count-one="%(count)s case cochée" '
        'data-count-many="%(count)s cases cochées"'
    ) in french


def test_ticked_choices_are_saved_and_shown_ticked(library: Library) -> None:
    people = PersonFactory.create_batch(2)
    fing = OrganisationFactory(name="Fing")
    coalition = CoalitionFactory()
    team = client_for(library.team)
    response = team.post(
        "/library/new/",
        form_data(
            library,
            title="Un guide à plusieurs",
            author_people=[p.pk for p in people],
            author_organisations=[fing.pk],
            coalitions=[coalition.pk],
        ),
    )
    assert response.status_code == 302
    publication = Publication.objects.get(title="Un guide à plusieurs")
    assert set(publication.author_people.all()) == set(people)
    assert list(publication.author_organisations.all()) == [fing]
    assert list(publication.coalitions.all()) == [coalition]
    body = team.get(edit_url(publication)).content.decode()
    for name, pk in [("author_people", people[0].pk), ("author_organisations", fing.pk),
                     ("coalitions", coalition.pk)]:  # fmt: skip
        assert re.search(rf'name="{name}" value="{pk}"[^>]* checked', body), name


def test_a_title_already_taken_is_not_saved_without_confirmation(library: Library) -> None:
    existing = PublicationFactory(
        programme=library.programme, title="Guide du réemploi", slug="guide-du-reemploi"
    )
    team = client_for(library.team)
    data = form_data(library, title="  guide du REEMPLOI ")
    response = team.post("/library/new/", data)
    assert response.status_code == 200
    assert Publication.objects.filter(title__iexact="guide du reemploi").count() == 0
    body = response.content.decode()
    assert "Pas encore enregistré." in body and 'role="alert"' in body
    assert f'<a href="{existing.get_absolute_url()}" target="_blank" rel="noopener">' in body
    assert 'name="same_title" id="id_same_title" value="guide du REEMPLOI"' in body

    response = team.post("/library/new/", {**data, "same_title": "guide du REEMPLOI"})
    assert response.status_code == 302
    saved = Publication.objects.get(title="guide du REEMPLOI")
    assert saved.slug == "guide-du-reemploi-2"
    assert response["Location"] == saved.get_absolute_url()


def test_the_warning_is_in_english_on_english_pages(library: Library) -> None:
    PublicationFactory(programme=library.programme, title="Kit Facteur 4")
    response = client_for(library.team).post(
        "/en/library/new/", form_data(library, title="Kit facteur 4")
    )
    body = response.content.decode()
    assert "Another publication already has this title:" in body
    assert "Save anyway with the same title" in body


def test_a_confirmation_given_for_another_title_does_not_count(library: Library) -> None:
    PublicationFactory(programme=library.programme, title="Kit Facteur 4")
    response = client_for(library.team).post(
        "/library/new/", form_data(library, title="Kit Facteur 4", same_title="Kit Facteur 5")
    )
    assert response.status_code == 200 and "Pas encore enregistré." in response.content.decode()
    assert Publication.objects.filter(title="Kit Facteur 4").count() == 1


def test_a_different_title_is_saved_without_a_warning(library: Library) -> None:
    PublicationFactory(programme=library.programme, title="Kit Facteur 4")
    response = client_for(library.team).post(
        "/library/new/", form_data(library, title="Kit Facteur 4, deuxième édition")
    )
    assert response.status_code == 302
    assert Publication.objects.filter(title="Kit Facteur 4, deuxième édition").exists()


def test_the_warning_shows_with_other_errors_and_keeps_the_confirmation(
    library: Library,
) -> None:
    PublicationFactory(programme=library.programme, title="Kit Facteur 4")
    team = client_for(library.team)
    response = team.post("/library/new/", form_data(library, title="Kit Facteur 4", summary=""))
    body = response.content.decode()
    assert "Pas encore enregistré." in body and 'id="id_summary_error"' in body
    response = team.post(
        "/library/new/",
        form_data(library, title="Kit Facteur 4", summary="", same_title="Kit Facteur 4"),
    )
    body = response.content.decode()
    assert "Pas encore enregistré." not in body  # confirmed: only the other error remains
    assert re.search(r'id="id_same_title" value="Kit Facteur 4"[^>]* checked', body)
    assert Publication.objects.filter(title="Kit Facteur 4").count() == 1


def test_editing_without_changing_the_title_gives_no_warning(library: Library) -> None:
    # Two publications already share a title; editing one of them, its title unchanged, is
    # saved at once (neither itself nor the other is named).
    first = PublicationFactory(programme=library.programme, title="Guide des communs")
    PublicationFactory(programme=library.programme, title="Guide des communs")
    response = client_for(library.team).post(
        edit_url(first), form_data(library, title="Guide des Communs", summary="Changé.")
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.summary == "Changé."


def test_renaming_to_a_taken_title_asks_and_keeps_the_address(library: Library) -> None:
    PublicationFactory(programme=library.programme, title="Guide des communs")
    url = edit_url(library.published)
    team = client_for(library.team)
    response = team.post(url, form_data(library, title="Guide des communs"))
    assert response.status_code == 200 and "Pas encore enregistré." in response.content.decode()
    library.published.refresh_from_db()
    assert library.published.title == "Cahier publié"
    response = team.post(
        url, form_data(library, title="Guide des communs", same_title="Guide des communs")
    )
    assert response.status_code == 302
    slug = library.published.slug
    library.published.refresh_from_db()
    assert (library.published.title, library.published.slug) == ("Guide des communs", slug)


def test_a_publication_the_person_cannot_see_is_never_named(library: Library) -> None:
    hidden = PublicationFactory(
        programme=ProgrammeFactory(), status="draft", published_on=None, title="Plan secret"
    )
    response = client_for(library.team).post(
        "/library/new/", form_data(library, title="Plan secret")
    )
    assert response.status_code == 302
    assert hidden.get_absolute_url() not in response.content.decode()
    assert Publication.objects.filter(title="Plan secret").count() == 2

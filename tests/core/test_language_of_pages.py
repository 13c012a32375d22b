"""The language people write in is kept by the forms and marked on the pages in the other
language (WCAG 3.1.2): a French coalition on the English site is read with a French voice."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from alliage.actors.forms import ProfileForm
from alliage.coalitions.models import Coalition

from ..coalitions.views.test_coalition_views import client_for, edit_payload
from ..conftest import Cast
from ..factories import CallFactory, EventFactory, PersonFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def test_a_french_coalition_is_marked_on_the_english_page_only(cast: Cast) -> None:
    url = cast.coalition.get_absolute_url()
    english = Client().get("/en" + url).content.decode()
    assert f'<h1 lang="fr">{cast.coalition.title}</h1>' in english
    assert "Written in French" in english
    assert 'class="prose" lang="fr"' in english  # the diagnostic
    french = Client().get(url).content.decode()
    assert f"<h1>{cast.coalition.title}</h1>" in french
    assert "Rédigé en" not in french


def test_an_english_coalition_is_marked_on_the_french_page(cast: Cast) -> None:
    Coalition.objects.filter(pk=cast.coalition.pk).update(content_language="en")
    french = Client().get(cast.coalition.get_absolute_url()).content.decode()
    assert f'<h1 lang="en">{cast.coalition.title}</h1>' in french
    assert "Rédigé en anglais" in french


def test_a_missing_text_shows_the_page_language_placeholder_unmarked(cast: Cast) -> None:
    Coalition.objects.filter(pk=cast.coalition.pk).update(levers="")
    english = Client().get("/en" + cast.coalition.get_absolute_url()).content.decode()
    assert '<div class="prose">Not written yet.</div>' in english


def test_cards_mark_each_coalition_in_its_own_language(cast: Cast) -> None:
    Coalition.objects.filter(pk=cast.coalition.pk).update(content_language="en")
    french = Client().get(reverse("coalitions:coalition-list")).content.decode()
    assert f'lang="en">{cast.coalition.title}</a>' in french


@pytest.mark.parametrize(
    "make", [EventFactory, CallFactory, PublicationFactory], ids=["event", "call", "publication"]
)
def test_events_calls_and_publications_are_marked_on_english_pages(make) -> None:
    obj = make(**({"status": "published"} if make is PublicationFactory else {}))
    response = Client().get("/en" + obj.get_absolute_url())
    assert response.status_code == 200
    assert 'lang="fr">' in response.content.decode().split("<h1", 1)[1][:12]


def test_a_proposed_coalition_keeps_the_language_it_is_written_in(cast: Cast) -> None:
    client_for(cast.outsider).post(
        reverse("coalitions:coalition-propose"),
        {
            "programme": cast.coalition.programme.pk,
            "title": "Responsible public procurement",
            "content_language": "en",
        },
    )
    assert Coalition.objects.get(title="Responsible public procurement").content_language == "en"


def test_a_canvas_posted_without_its_language_keeps_it(cast: Cast) -> None:
    Coalition.objects.filter(pk=cast.coalition.pk).update(content_language="en")
    url = reverse("coalitions:coalition-edit", args=[cast.coalition.slug])
    response = client_for(cast.lead).post(url, edit_payload(cast.coalition, diagnostic="New."))
    assert response.status_code == 302
    cast.coalition.refresh_from_db()
    assert (cast.coalition.diagnostic, cast.coalition.content_language) == ("New.", "en")
    client_for(cast.lead).post(
        url, edit_payload(cast.coalition, diagnostic="Nouveau.", content_language="fr")
    )
    cast.coalition.refresh_from_db()
    assert cast.coalition.content_language == "fr"


def test_a_profile_posted_without_its_language_keeps_it() -> None:
    person = PersonFactory(content_language="en")
    data = {f: getattr(person, f) for f in ProfileForm.Meta.fields if hasattr(person, f)}
    data = {k: v for k, v in data.items() if isinstance(v, (str, bool, int))}
    data.pop("content_language")
    form = ProfileForm(data=data, instance=person)
    form.is_valid()
    assert form.cleaned_data["content_language"] == "en"

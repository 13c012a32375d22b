"""F1: the matching suggestions never show what a person keeps from everyone.

The audit's case: B consents to suggestions, withdraws from the directory and sets every field
of their profile to "Only me", with secret words in their bio, intentions and tags. A, a
signed-in user who leads a coalition, puts those words in its canvas and opens "actors to
invite". Neither B nor the words may show, on the page or in its htmx fragment; the same words
shown to everyone do show (so the test can fail)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import reverse

from alliage.actors.models import VISIBLE_FIELDS, OrganisationKind, Person, Visibility
from alliage.calls.services import expertise_affinity
from alliage.coalitions.models import Coalition, MemberRole
from alliage.matching import selectors, store

from ..factories import (
    AffiliationFactory,
    CoalitionFactory,
    CoalitionMemberFactory,
    OrganisationFactory,
    PersonFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "zyxwvsecretwordz"
BIO = "zyxwvbiowordz"


@pytest.fixture
def matching_index() -> Iterator[None]:
    store.index_forget()
    yield
    store.index_forget()


def _bob(*, listed: bool, visibility: str) -> Person:
    bob = PersonFactory(
        first_name="Bob",
        last_name="Secaudit",
        bio=f"Chercheur, {BIO}.",
        intentions=f"Travailler sur {SECRET} avec d'autres.",
        is_listed=listed,
        is_suggestable=True,
        **{f"{field}_visibility": visibility for field in VISIBLE_FIELDS},
    )
    bob.tags.create(name=SECRET)
    AffiliationFactory(
        person=bob, organisation=OrganisationFactory(name="Labo", kind=OrganisationKind.RESEARCH)
    )
    return bob


def _alices_coalition() -> tuple[Coalition, Person]:
    alice = PersonFactory(first_name="Alice", last_name="Lead")
    coalition = CoalitionFactory(
        title="Une coalition ordinaire",
        summary=f"Nous cherchons {SECRET} et {BIO}.",
        seeking=f"{SECRET} {BIO}",
    )
    CoalitionMemberFactory(coalition=coalition, person=alice, role=MemberRole.LEAD)
    return coalition, alice


def _invite_views(client, coalition: Coalition, alice: Person) -> list[str]:
    """The invite page without JavaScript and its htmx fragment, as A sees them."""
    client.force_login(alice.user)
    url = reverse("matching:invite", args=[coalition.slug])
    page = client.get(url)
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert page.status_code == fragment.status_code == 200
    return [page.content.decode(), fragment.content.decode()]


def _coalition(coalition: Coalition) -> Coalition:
    return Coalition.objects.prefetch_related("members__organisation").get(pk=coalition.pk)


def test_the_audit_case_a_withdrawn_private_person_is_not_suggested(client, matching_index):
    bob = _bob(listed=False, visibility=Visibility.PRIVATE)
    coalition, alice = _alices_coalition()
    for html in _invite_views(client, coalition, alice):
        assert "Secaudit" not in html
        assert bob.get_absolute_url() not in html
        assert SECRET not in html.split("<main", 1)[-1].replace(coalition.summary, "")
        assert "Shares" not in html and "Partage" not in html
    assert f"person:{bob.pk}" not in store.index_get()


@pytest.mark.parametrize("visibility", [Visibility.PRIVATE, Visibility.MEMBERS])
def test_fields_not_shown_to_everyone_never_reach_a_suggestion(client, matching_index, visibility):
    """In the directory and consenting, but every field kept for members or for themselves:
    nothing of theirs is indexed, so there is nothing to suggest them for."""
    bob = _bob(listed=True, visibility=visibility)
    coalition, alice = _alices_coalition()
    for html in _invite_views(client, coalition, alice):
        assert "Secaudit" not in html
    index = store.index_get()
    assert not index.search(SECRET, kinds={"person"})
    assert not index.search(BIO, tags=[SECRET], kinds={"person"})
    assert bob not in [s.actor for s in selectors.actors_to_invite(coalition=_coalition(coalition))]


def test_the_same_words_shown_to_everyone_do_show(client, matching_index):
    bob = _bob(listed=True, visibility=Visibility.PUBLIC)
    coalition, alice = _alices_coalition()
    for html in _invite_views(client, coalition, alice):
        assert "Bob Secaudit" in html
        assert bob.get_absolute_url() in html
        assert SECRET in html and BIO in html
    (suggestion,) = selectors.actors_to_invite(coalition=_coalition(coalition))
    assert suggestion.kind_label == "Recherche"
    assert SECRET in suggestion.reason.tags


def test_only_the_public_fields_are_quoted(client, matching_index):
    """Bio public; intentions, tags and organisations for B alone: B is suggested for the bio's
    word, and neither the intentions' word, the tag nor B's organisation kind is shown."""
    bob = _bob(listed=True, visibility=Visibility.PRIVATE)
    Person.objects.filter(pk=bob.pk).update(bio_visibility=Visibility.PUBLIC)
    coalition, alice = _alices_coalition()
    (suggestion,) = selectors.actors_to_invite(coalition=_coalition(coalition))
    assert suggestion.actor == bob
    assert suggestion.reason.terms == (BIO,)
    assert suggestion.reason.tags == ()
    assert suggestion.kind_label == ""
    assert suggestion.reason.adds_kind == ""
    for html in _invite_views(client, coalition, alice):
        assert "Bob Secaudit" in html and BIO in html
        assert SECRET not in html.split("<main", 1)[-1].replace(coalition.summary, "").replace(
            coalition.seeking, ""
        )
        assert "Recherche" not in html.split("<main", 1)[-1]  # the header says "Rechercher"


def test_a_field_made_private_is_not_quoted_before_the_index_catches_up(matching_index):
    """The index is updated after the commit, by a task that may run later: the reason is
    checked against the profile as it is now."""
    bob = _bob(listed=True, visibility=Visibility.PUBLIC)
    coalition, _alice = _alices_coalition()
    store.index_get()  # indexed while everything is public
    Person.objects.filter(pk=bob.pk).update(
        intentions_visibility=Visibility.PRIVATE, tags_visibility=Visibility.PRIVATE
    )
    assert f"person:{bob.pk}" in store.index_get()  # not updated yet
    (suggestion,) = selectors.actors_to_invite(coalition=_coalition(coalition))
    assert SECRET not in suggestion.reason.terms
    assert suggestion.reason.tags == ()
    assert BIO in suggestion.reason.terms
    Person.objects.filter(pk=bob.pk).update(bio_visibility=Visibility.PRIVATE)
    assert selectors.actors_to_invite(coalition=_coalition(coalition)) == []


def test_a_person_who_withdraws_from_the_directory_leaves_the_index(
    matching_index, django_capture_on_commit_callbacks
):
    bob = _bob(listed=True, visibility=Visibility.PUBLIC)
    coalition, _alice = _alices_coalition()
    assert f"person:{bob.pk}" in store.index_get()
    with django_capture_on_commit_callbacks(execute=True):
        bob.is_listed = False
        bob.save()
    assert f"person:{bob.pk}" not in store.index_get()
    assert selectors.actors_to_invite(coalition=_coalition(coalition)) == []


@pytest.mark.parametrize(
    ("visibility", "scored"), [(Visibility.PRIVATE, False), (Visibility.PUBLIC, True)]
)
def test_reviewer_affinity_reads_a_profile_as_the_index_does(matching_index, visibility, scored):
    """The team's automatic assignment (a caller of the engine) weighs only what the reviewer
    shows to everyone, never their words kept for themselves."""
    reviewer = PersonFactory(
        intentions=f"Rénovation énergétique {SECRET}", intentions_visibility=visibility
    )
    submission = SubmissionFactory(title="Isoler les écoles", summary=f"Rénovation {SECRET}")
    affinity = expertise_affinity([submission.pk], [reviewer.user_id])
    assert bool(affinity) is scored

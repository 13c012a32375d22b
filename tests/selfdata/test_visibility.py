"""Per-field visibility: each person chooses who sees their about, intentions, capabilities,
tags and organisations (everyone, members, only them); profile pages, the directory and its
search respect it."""

from __future__ import annotations

import pytest
from django.test import Client

from alliage.actors.models import Person

from ..factories import AffiliationFactory, MembershipFactory, PersonFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

SECRET = {
    "bio": "Bio-secrète",
    "intentions": "Intention-secrète",
    "capabilities": "Capacité-secrète",
}


def shown_to(client: Client, person: Person) -> str:
    return client.get(f"/en/actors/people/{person.pk}/").content.decode()


def client_for(role: str, person: Person) -> Client:
    client = Client()
    if role == "anonymous":
        return client
    if role == "self":
        client.force_login(person.user)
    elif role == "outsider":
        client.force_login(PersonFactory().user)
    elif role == "adherent":
        adherent = PersonFactory()
        MembershipFactory(organisation=None, person=adherent, tier="individual")
        client.force_login(adherent.user)
    elif role == "team":
        team = PersonFactory()
        ProgrammeFactory().team.add(team.user)
        client.force_login(team.user)
    return client


@pytest.fixture
def person() -> Person:
    person = PersonFactory(
        bio_visibility="public",
        intentions_visibility="members",
        capabilities_visibility="private",
        tags_visibility="members",
        affiliations_visibility="private",
        **SECRET,
    )
    person.tags.create(name="étiquette-membres")
    AffiliationFactory(person=person, organisation__name="Organisation-privée")
    return person


EXPECTED = {
    # role: bio, intentions, capabilities, tags, organisation
    "anonymous": (True, False, False, False, False),
    "outsider": (True, False, False, False, False),
    "adherent": (True, True, False, True, False),
    "team": (True, True, False, True, False),
    "self": (True, True, True, True, True),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_profile_page_shows_each_field_to_its_audience(person: Person, role: str) -> None:
    body = shown_to(client_for(role, person), person)
    seen = tuple(
        text in body for text in (*SECRET.values(), "étiquette-membres", "Organisation-privée")
    )
    assert seen == EXPECTED[role]


@pytest.mark.parametrize("role", ["anonymous", "adherent"])
def test_the_directory_shows_and_searches_only_visible_fields(person: Person, role: str) -> None:
    client = client_for(role, person)
    listing = client.get("/en/actors/", {"tab": "people"}).content.decode()
    assert person.last_name in listing
    assert "Organisation-privée" not in listing
    assert ("étiquette-membres" in listing) == (role == "adherent")
    found = client.get("/en/actors/", {"tab": "people", "q": "Capacité-secrète"})
    assert person not in found.context["page"].object_list  # private: never matched
    found = client.get("/en/actors/", {"tab": "people", "q": "Intention-secrète"})
    assert (person in found.context["page"].object_list) == (role == "adherent")


def test_the_organisation_page_lists_only_people_who_show_it(person: Person) -> None:
    organisation = person.affiliations.get().organisation
    assert person.last_name not in Client().get(organisation.get_absolute_url()).content.decode()
    Person.objects.filter(pk=person.pk).update(affiliations_visibility="public")
    assert person.last_name in Client().get(organisation.get_absolute_url()).content.decode()


def test_visibility_is_chosen_on_the_profile_form(person: Person) -> None:
    client = client_for("self", person)
    data = {"first_name": "A", "last_name": "B", "tags": "x"}
    data.update({f"{f}_visibility": "private" for f in ("bio", "intentions", "capabilities")})
    data.update(tags_visibility="public", affiliations_visibility="members")
    assert client.post("/en/actors/me/", data).status_code == 302
    person.refresh_from_db()
    assert (person.bio_visibility, person.tags_visibility, person.affiliations_visibility) == (
        "private",
        "public",
        "members",
    )
    bad = client.post("/en/actors/me/", {**data, "bio_visibility": "world"})
    assert bad.status_code == 200 and bad.context["form"].errors

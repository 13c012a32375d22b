from __future__ import annotations

import pytest
from django.test import Client

from ..factories import (
    PASSWORD,
    AffiliationFactory,
    CoalitionMemberFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def test_directory_lists_and_filters_organisations() -> None:
    OrganisationFactory(name="Rennes Métropole", kind="local_authority")
    OrganisationFactory(name="Labo des usages", kind="research")
    hidden = OrganisationFactory(name="Cachée", is_listed=False)
    response = Client().get("/actors/", {"kind": "research"})
    names = [o.name for o in response.context["page"].object_list]
    assert names == ["Labo des usages"]
    assert hidden.name not in Client().get("/actors/").content.decode()


def test_directory_query_count_is_constant(django_assert_max_num_queries) -> None:
    for _ in range(30):
        AffiliationFactory()
    with django_assert_max_num_queries(8):
        assert Client().get("/actors/").status_code == 200
    with django_assert_max_num_queries(8):
        assert Client().get("/actors/", {"tab": "people"}).status_code == 200


def test_organisation_page_shows_people_membership_and_coalitions() -> None:
    affiliation = AffiliationFactory(role="Directrice")
    MembershipFactory(organisation=affiliation.organisation)
    member = CoalitionMemberFactory(person=affiliation.person)
    member.organisation = affiliation.organisation
    member.save()
    body = Client().get(affiliation.organisation.get_absolute_url()).content.decode()
    assert "Directrice" in body
    assert "Adhérent" in body
    assert member.coalition.title in body


def test_unlisted_person_is_hidden_except_to_themselves() -> None:
    person = PersonFactory(is_listed=False)
    assert Client().get(person.get_absolute_url()).status_code == 404
    client = Client()
    client.force_login(person.user)
    assert client.get(person.get_absolute_url()).status_code == 200


def test_profile_edit_changes_only_my_profile() -> None:
    person = PersonFactory()
    client = Client()
    client.force_login(person.user)
    response = client.post(
        "/actors/me/",
        {
            "first_name": "Léa",
            "last_name": "Martin",
            "bio": "",
            "intentions": "Sobriété",
            "capabilities": "Animation",
            "tags": "Sobriété, open data, ",
            "bio_visibility": "members",
            "is_listed": "",  # a consent, not a profile field: ignored here
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.first_name, person.intentions, person.bio_visibility, person.is_listed) == (
        "Léa",
        "Sobriété",
        "members",
        True,
    )
    assert sorted(t.name for t in person.tags.all()) == ["open data", "sobriété"]


def test_profile_edit_needs_login() -> None:
    response = Client().get("/actors/me/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_login_is_throttled_after_repeated_failures(settings) -> None:
    person = PersonFactory()
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": person.user.email, "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": person.user.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_by_e_mail() -> None:
    import re

    from django.core import mail

    person = PersonFactory()
    client = Client()
    client.post("/accounts/password/reset/", {"email": person.user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)
    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200
    new = "un nouveau mot de passe solide"
    done = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert (
        Client()
        .post("/accounts/login/", {"username": person.user.email, "password": new})
        .status_code
        == 302
    )

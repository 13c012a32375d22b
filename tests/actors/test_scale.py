"""The directory and the profiles run as many queries with three times the actors."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alliage.actors.models import Affiliation, Membership, Organisation, Person, Tag
from alliage.core.models import User

from ..factories import AffiliationFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

_serial = itertools.count()


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def counts(clients: list[Client], urls: list[str]) -> dict[tuple[int, str], int]:
    return {(i, url): queries(c, url) for i, c in enumerate(clients) for url in urls}


def seed(n: int, *, big: Organisation) -> None:
    """``n`` listed organisations and ``n`` listed people with tags, memberships and
    affiliations, half of the people affiliated to ``big``."""
    k = next(_serial)
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Org {k}-{i}", slug=f"org-{k}-{i}", kind="research") for i in range(n)
    )
    users = User.objects.bulk_create(User(email=f"actors{k}-{i}@x.org") for i in range(n))
    people = Person.objects.bulk_create(
        Person(user=u, first_name="P", last_name=f"L{u.pk}", is_listed=True) for u in users
    )
    tags = Tag.objects.bulk_create(Tag(name=f"tag-{k}-{i}") for i in range(4))
    org_tags, person_tags = Organisation.tags.through, Person.tags.through
    org_tags.objects.bulk_create(org_tags(organisation=o, tag=t) for o in orgs for t in tags)
    person_tags.objects.bulk_create(person_tags(person=p, tag=t) for p in people for t in tags)
    today = dt.date.today()  # noqa: DTZ011
    Membership.objects.bulk_create(
        Membership(organisation=o, tier_id="small", starts_on=today - dt.timedelta(days=10),
                   ends_on=today + dt.timedelta(days=100))
        for o in orgs[::2]
    )  # fmt: skip
    Affiliation.objects.bulk_create(
        Affiliation(person=p, organisation=big if i % 2 else orgs[i]) for i, p in enumerate(people)
    )


def test_directory_and_profiles_do_not_grow_with_the_data() -> None:
    big = OrganisationFactory()
    MembershipFactory(organisation=big)
    member = AffiliationFactory(organisation=big).person
    seed(30, big=big)
    person = Person.objects.filter(is_listed=True).first()
    urls = [
        "/actors/",
        "/actors/?page=2",
        "/actors/?kind=research",
        "/actors/?tab=people",
        "/actors/?tab=people&page=2",
        f"/actors/organisations/{big.slug}/",
        f"/actors/people/{person.pk}/",
    ]
    anonymous, as_member = Client(), Client()
    as_member.force_login(member.user)
    before = counts([anonymous, as_member], urls)
    seed(60, big=big)
    assert counts([anonymous, as_member], urls) == before


def test_an_organisation_lists_its_first_people_and_counts_them_all() -> None:
    big = OrganisationFactory()
    seed(130, big=big)  # 65 of them in ``big``
    client = Client(headers={"accept-language": "en"})
    page = client.get(f"/en/actors/organisations/{big.slug}/").content.decode()
    assert page.count('class="avatar"') == 60
    assert "65 people in all" in page


def test_a_deep_page_of_the_directory_holds_the_rows_of_its_place_in_the_order() -> None:
    seed(80, big=OrganisationFactory())
    names = list(
        Organisation.objects.listed().order_by("name", "pk").values_list("name", flat=True)
    )
    page = Client().get("/actors/?page=3").context["page"]
    assert [o.name for o in page.object_list] == names[48:72]
    assert page.has_next() and page.paginator.count == len(names)

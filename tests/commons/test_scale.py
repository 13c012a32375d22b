"""The commons' pages run as many queries with three times the publications, authors,
resources and reuses."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alliage.actors.models import Organisation, Person
from alliage.commons.models import Publication, Resource, Reuse
from alliage.core.models import User

from ..factories import PersonFactory, ProgrammeFactory, PublicationFactory

pytestmark = pytest.mark.django_db

_serial = itertools.count()


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def counts(clients: list[Client], urls: list[str]) -> dict[tuple[int, str], int]:
    return {(i, url): queries(c, url) for i, c in enumerate(clients) for url in urls}


def seed(programme, n: int, *, into: list[Publication]) -> None:
    """``n`` publications (a third datasets, some drafts) with authors, and resources and
    reuses on the publications given."""
    k = next(_serial)
    publications = Publication.objects.bulk_create(
        Publication(
            programme=programme,
            kind="dataset" if i % 3 == 0 else "cahier",
            title=f"Cahier {k}-{i}",
            slug=f"cahier-{k}-{i}",
            summary="Un commun.",
            status="draft" if i % 7 == 0 else "published",
            published_on=dt.date(2024, 1, 1) + dt.timedelta(days=i),
        )
        for i in range(n)
    )
    users = User.objects.bulk_create(User(email=f"commons{k}-{i}@x.org") for i in range(n))
    people = Person.objects.bulk_create(
        Person(user=u, first_name="P", last_name=f"L{u.pk}", is_listed=True) for u in users
    )
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Org {k}-{i}", slug=f"org-{k}-{i}", kind="research") for i in range(n)
    )
    through_people = Publication.author_people.through
    through_orgs = Publication.author_organisations.through
    targets = publications + into
    through_people.objects.bulk_create(
        through_people(publication=p, person=people[i % n]) for i, p in enumerate(targets)
    )
    through_orgs.objects.bulk_create(
        through_orgs(publication=p, organisation=orgs[i % n]) for i, p in enumerate(targets)
    )
    Resource.objects.bulk_create(
        Resource(publication=p, title=f"Ressource {i}", url="https://data.example.org/r",
                 format="api", position=i)
        for p in into
        for i in range(3)
    )  # fmt: skip
    Reuse.objects.bulk_create(
        Reuse(publication=p, title=f"Réutilisation {k}-{i}", url=f"https://r.example.org/{k}/{i}",
              kind="visualisation", declared_by=people[i % n], status="published")
        for p in into
        for i in range(3)
    )  # fmt: skip


def test_commons_pages_do_not_grow_with_the_data() -> None:
    programme = ProgrammeFactory()
    publication = PublicationFactory(programme=programme)
    dataset = PublicationFactory(programme=programme, kind="dataset")
    seed(programme, 30, into=[publication, dataset])
    urls = [
        "/library/",
        "/library/?page=2",
        "/library/?kind=dataset",
        f"/library/?programme={programme.slug}",
        f"/library/{publication.slug}/",
        f"/library/{dataset.slug}/",
        "/opendata/",
        "/api/v1/publications",
        "/api/v1/publications?page=2",
        "/api/v1/datasets",
        f"/api/v1/publications/{publication.slug}",
        f"/api/v1/datasets/{dataset.slug}",
    ]
    team = PersonFactory().user
    programme.team.add(team)
    anonymous, as_team = Client(), Client()
    as_team.force_login(team)
    before = counts([anonymous, as_team], urls)
    seed(programme, 60, into=[publication, dataset])
    assert counts([anonymous, as_team], urls) == before

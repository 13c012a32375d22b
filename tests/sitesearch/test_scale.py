"""The site-wide search asks the database the same number of times with three times the data
(every kind full: more matches than it shows), signed out and signed in."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alliage.actors.models import Organisation, Person
from alliage.agenda.models import Event
from alliage.calls.models import Call
from alliage.coalitions.models import Coalition, CoalitionMember, MemberRole
from alliage.commons.models import Publication
from alliage.core.models import User

from ..factories import (
    CoalitionFactory,
    CoalitionMemberFactory,
    MembershipFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

_serial = itertools.count()
WORD = "Sobriété"


class World:
    def __init__(self) -> None:
        self.programme = ProgrammeFactory()
        self.mine = CoalitionFactory(programme=self.programme, title=f"{WORD} à nous")
        self.member = CoalitionMemberFactory(coalition=self.mine, role=MemberRole.LEAD).person
        MembershipFactory(organisation=None, person=self.member, tier="individual")

    def grow(self, n: int) -> None:
        now = dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
        k = next(_serial)
        coalitions = Coalition.objects.bulk_create(
            Coalition(
                programme=self.programme, slug=f"s-{k}-{i}", title=f"{WORD} {k}-{i}",
                summary="Un numérique sobre.", is_published=i % 3 != 2,
            )
            for i in range(n)
        )  # fmt: skip
        Organisation.objects.bulk_create(
            Organisation(name=f"{WORD} {k}-{i}", slug=f"o-{k}-{i}", kind="research")
            for i in range(n)
        )
        users = User.objects.bulk_create(User(email=f"s{k}-{i}@x.org") for i in range(n))
        people = Person.objects.bulk_create(
            Person(user=u, first_name="P", last_name=f"L{u.pk}", bio=f"{WORD} !", is_listed=True)
            for u in users
        )
        CoalitionMember.objects.bulk_create(
            CoalitionMember(coalition=c, person=p, role=MemberRole.MEMBER)
            for c, p in zip(coalitions, people, strict=True)
        )
        Event.objects.bulk_create(
            Event(
                programme=self.programme, kind="workshop", slug=f"e-{k}-{i}",
                title=f"{WORD} {k}-{i}", starts_at=now + dt.timedelta(days=i - n // 2),
                ends_at=now + dt.timedelta(days=i - n // 2, hours=2),
                audience=("public", "public", "members", "coalition")[i % 4], coalition=self.mine,
            )
            for i in range(n)
        )  # fmt: skip
        Call.objects.bulk_create(
            Call(
                programme=self.programme, kind="projects", slug=f"c-{k}-{i}",
                title=f"{WORD} {k}-{i}", opens_at=now - dt.timedelta(days=1),
                closes_at=now + dt.timedelta(days=i + 1), asks=["diagnostic"],
            )
            for i in range(n)
        )  # fmt: skip
        Publication.objects.bulk_create(
            Publication(
                programme=self.programme, kind="cahier", slug=f"p-{k}-{i}",
                title=f"{WORD} {k}-{i}", summary="Un commun.",
                status="published" if i % 4 else "draft",
                published_on=dt.date(2025, 1, 1) + dt.timedelta(days=i) if i % 4 else None,
            )
            for i in range(n)
        )  # fmt: skip


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


URLS = [
    "/en/search/?q=sobriete",
    "/en/search/?q=sobriete&kind=events",
    "/en/search/?q=sobriete&kind=people&page=2",
]


@pytest.mark.parametrize("who", ["visitor", "member"])
@pytest.mark.parametrize("url", URLS)
def test_queries_do_not_grow_with_the_data(url: str, who: str) -> None:
    world = World()
    client = Client()
    if who == "member":
        client.force_login(world.member.user)
    counts = []
    for size in (12, 24):  # 12 then 36 of each kind
        world.grow(size)
        counts.append(queries(client, url))
    assert counts[0] == counts[1], (url, who, counts)

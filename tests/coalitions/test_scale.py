"""Every page of programmes and coalitions, and their API, asks the database the same number of
times with three times the data (issue 15: queries per page do not grow with the data)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from alliage.actors.models import OrganisationKind, Person
from alliage.coalitions.models import (
    CanvasChange,
    Coalition,
    CoalitionMember,
    CoalitionStatus,
    MemberRole,
    Programme,
)
from alliage.coalitions.services import coalition_kinds_refresh
from alliage.evaluation.models import Indicator, Measurement
from alliage.evaluation.services import indicator_latest_refresh

from ..factories import (
    CoalitionFactory,
    CoalitionMemberFactory,
    IndicatorFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

UNLIMITED = {"read": "1000000/m", "write": "1000000/m"}
_serial = itertools.count()


class World:
    """A programme whose coalitions, members, indicators, measurements and history grow by
    ``grow(n)``, in bulk, with the kept data rebuilt as after a bulk load."""

    def __init__(self) -> None:
        self.programme: Programme = ProgrammeFactory(slug="scale")
        self.featured: Coalition = CoalitionFactory(programme=self.programme, slug="featured")
        self.lead = CoalitionMemberFactory(coalition=self.featured, role=MemberRole.LEAD)
        self.organisations = [OrganisationFactory(kind=kind) for kind in OrganisationKind.values]
        self.people: list[Person] = [PersonFactory() for _ in range(6)]
        self.revision = 0

    def grow(self, n: int) -> None:
        statuses = list(CoalitionStatus.values)
        coalitions = Coalition.objects.bulk_create(
            Coalition(
                programme=self.programme,
                slug=f"scale-{(i := next(_serial))}",
                title=f"Coalition {i}",
                summary="Sobriété numérique des territoires",
                status=statuses[i % len(statuses)],
                is_published=i % 4 != 3,
            )
            for _ in range(n)
        )
        CoalitionMember.objects.bulk_create(
            CoalitionMember(
                coalition=coalition,
                person=person,
                organisation=self.organisations[(coalition.pk + j) % len(self.organisations)]
                if j % 3
                else None,
                role=MemberRole.LEAD if j == 0 else MemberRole.MEMBER,
            )
            for coalition in coalitions
            for j, person in enumerate(self.people[:3])
        )
        # The featured coalition gets more members, indicators and history too.
        for person in (PersonFactory() for _ in range(max(1, n // 10))):
            CoalitionMember.objects.create(
                coalition=self.featured, person=person, organisation=self.organisations[0]
            )
        indicators = Indicator.objects.bulk_create(
            IndicatorFactory.build(coalition=coalition, is_public=k != 2, position=k)
            for coalition in [*coalitions, self.featured]
            for k in range(3)
        )
        Measurement.objects.bulk_create(
            Measurement(indicator=indicator, value=900 - 50 * m, measured_on=f"2025-0{m + 1}-01")
            for indicator in indicators
            for m in range(2)
        )
        CanvasChange.objects.bulk_create(
            CanvasChange(
                coalition=self.featured,
                revision=self.revision + r,
                field=field,
                before="avant",
                after="après",
            )
            for r in range(1, n + 1)
            for field in ("summary", "members_notes")
        )
        self.revision += n
        coalition_kinds_refresh()
        indicator_latest_refresh()

    def deepest(self) -> int:
        return math.ceil(Coalition.objects.filter(is_published=True).count() / 20)


def queries(client: Client, url: str) -> int:
    with override_settings(ALLIAGE_API_RATES=UNLIMITED), CaptureQueriesContext(connection) as q:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(q.captured_queries)


PAGES: list[tuple[str, Callable[[World], str], str]] = [
    ("home", lambda w: "/en/", "anonymous"),
    ("coalitions", lambda w: "/en/coalitions/", "anonymous"),
    ("coalitions deepest", lambda w: f"/en/coalitions/?page={w.deepest()}", "anonymous"),
    ("coalitions by programme", lambda w: "/en/coalitions/?programme=scale", "anonymous"),
    ("coalitions by status", lambda w: "/en/coalitions/?status=active", "anonymous"),
    ("coalitions by kind", lambda w: "/en/coalitions/?kind=research", "anonymous"),
    (
        "coalitions by all three",
        lambda w: "/en/coalitions/?programme=scale&status=active&kind=sme",
        "anonymous",
    ),
    ("coalitions signed in", lambda w: "/en/coalitions/?kind=media", "lead"),
    ("programme page", lambda w: "/en/programmes/scale/", "anonymous"),
    ("programme page signed in", lambda w: "/en/programmes/scale/", "lead"),
    ("coalition page", lambda w: "/en/coalitions/featured/", "anonymous"),
    ("coalition page signed in", lambda w: "/en/coalitions/featured/", "lead"),
    ("canvas history", lambda w: "/en/coalitions/featured/history/", "anonymous"),
    ("canvas history deep", lambda w: "/en/coalitions/featured/history/?page=2", "lead"),
    ("API coalitions", lambda w: "/api/v1/coalitions", "anonymous"),
    ("API coalitions deep", lambda w: f"/api/v1/coalitions?page={w.deepest()}", "anonymous"),
    ("API coalitions signed in", lambda w: "/api/v1/coalitions?status=active", "lead"),
    ("API coalition", lambda w: "/api/v1/coalitions/featured", "anonymous"),
    ("API programmes", lambda w: "/api/v1/programmes", "anonymous"),
    ("API programme", lambda w: "/api/v1/programmes/scale", "anonymous"),
]


@pytest.mark.parametrize(("label", "url", "who"), PAGES, ids=[p[0] for p in PAGES])
def test_queries_do_not_grow_with_the_data(
    label: str, url: Callable[[World], str], who: str
) -> None:
    world = World()
    # One coalition every filter finds, whatever the statuses and kinds the serial numbers give:
    # an empty page runs fewer queries than a full one, which is not growth.
    every = CoalitionFactory(programme=world.programme, status=CoalitionStatus.ACTIVE)
    sme = next(o for o in world.organisations if o.kind == OrganisationKind.SME)
    CoalitionMemberFactory(coalition=every, organisation=sme)
    coalition_kinds_refresh()
    client = Client()
    if who == "lead":
        client.force_login(world.lead.person.user)
    counts = []
    for size in (25, 50):  # 25 then 75 coalitions
        world.grow(size)
        counts.append(queries(client, url(world)))
    assert counts[0] == counts[1], (label, counts)


def test_the_home_page_counts_published_coalitions_per_programme() -> None:
    world = World()
    world.grow(8)  # 6 of them published, and the featured one
    other = ProgrammeFactory()
    CoalitionFactory(programme=other, is_published=False)
    html = Client().get("/en/").content.decode()
    assert "7 coalitions" in html
    assert "0 coalitions" in html

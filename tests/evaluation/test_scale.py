"""The impact reports and the evaluation's API ask the database the same number of times with
three times the data, and the programme's report shows a page of coalitions with the figures
of them all (issue 15: 8,948 indicators in one 5.7 MB page)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from alliage.evaluation.models import Indicator
from alliage.evaluation.views.reports import REPORT_COALITIONS_PER_PAGE

from ..coalitions.test_scale import World, queries

pytestmark = pytest.mark.django_db


def _indicator(w: World) -> int:
    return Indicator.objects.filter(coalition=w.featured).order_by("pk").first().pk


PAGES: list[tuple[str, Callable[[World], str], str]] = [
    ("programme impact", lambda w: "/en/programmes/scale/impact/", "anonymous"),
    ("programme impact page 2", lambda w: "/en/programmes/scale/impact/?page=2", "lead"),
    ("coalition impact", lambda w: "/en/coalitions/featured/impact/", "anonymous"),
    ("coalition impact signed in", lambda w: "/en/coalitions/featured/impact/", "lead"),
    ("API indicators", lambda w: "/api/v1/coalitions/featured/indicators", "anonymous"),
    (
        "API measurements",
        lambda w: f"/api/v1/indicators/{_indicator(w)}/measurements",
        "anonymous",
    ),
]


@pytest.mark.parametrize(("label", "url", "who"), PAGES, ids=[p[0] for p in PAGES])
def test_queries_do_not_grow_with_the_data(
    label: str, url: Callable[[World], str], who: str
) -> None:
    world = World()
    client = Client()
    if who == "lead":
        client.force_login(world.lead.person.user)
    counts = []
    for size in (30, 60):  # 30 then 90 coalitions: one page of the report, then four
        world.grow(size)
        counts.append(queries(client, url(world)))
    assert counts[0] == counts[1], (label, counts)


def test_the_programme_report_counts_every_indicator_and_shows_a_page_of_coalitions() -> None:
    world = World()
    world.grow(40)  # 30 published, each with 2 public indicators, and the featured one
    html = Client().get("/en/programmes/scale/impact/").content.decode()
    # the 31 published coalitions' public indicators, all counted
    assert "of 62 indicators on track or reached" in html
    assert html.count('class="report-indicator"') == REPORT_COALITIONS_PER_PAGE
    assert 'rel="next"' in html
    second = Client().get("/en/programmes/scale/impact/?page=2").content.decode()
    assert second.count('class="report-indicator"') == 31 - REPORT_COALITIONS_PER_PAGE
    assert "of 62 indicators on track or reached" in second
    # the lead of the featured coalition also sees its private indicator
    client = Client()
    client.force_login(world.lead.person.user)
    assert "of 63 indicators" in client.get("/en/programmes/scale/impact/").content.decode()

"""The coalition page shows its indicators in a constant number of queries, however many
there are (issue 15: one query per indicator shown, 9 → 24 with 15 more)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ..factories import CoalitionFactory, IndicatorFactory, MeasurementFactory, PersonFactory

pytestmark = pytest.mark.django_db


def queries_of(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_the_coalition_page_does_not_ask_once_per_indicator(signed_in: bool) -> None:
    coalition = CoalitionFactory(is_published=True)
    client = Client()
    if signed_in:
        client.force_login(PersonFactory().user)
    url = f"/en/coalitions/{coalition.slug}/"
    counts = []
    for size in (1, 16):
        while coalition.indicators.count() < size:
            MeasurementFactory(indicator=IndicatorFactory(coalition=coalition, is_public=True))
        counts.append(queries_of(client, url))
    assert counts[0] == counts[1]
    page = client.get(url).content.decode()
    assert page.count(f"/coalitions/{coalition.slug}/indicators/") >= 16  # each one is linked

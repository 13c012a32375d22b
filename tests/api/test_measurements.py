"""Recording a measurement answers the measurement and the indicator's status, not every
measurement of the indicator (R15); the measurements are listed page by page."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ..factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


def _record(client, url, header, n):
    body = {"value": str(n), "measured_on": timezone.localdate().isoformat(), "source": "Bilan"}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            url,
            json.dumps(body),
            content_type="application/json",
            headers={"Authorization": header},
        )
    assert response.status_code == 201, response.content
    return response, len(queries)


def test_the_answer_does_not_grow_with_the_indicator(client, cast, token) -> None:
    indicator = IndicatorFactory(coalition=cast.coalition, unit="t")
    url = f"/api/v1/indicators/{indicator.pk}/measurements"
    header = token(cast.lead, "write")
    _record(client, url, header, 1)  # the token's first use is recorded: warm it up
    small, small_queries = _record(client, url, header, 2)
    MeasurementFactory.create_batch(200, indicator=indicator)
    large, large_queries = _record(client, url, header, 3)
    assert large_queries == small_queries
    assert set(large.json()) == set(small.json())
    assert len(large.content) <= len(small.content) + 10  # the same answer, other numbers
    assert large.json()["value"] == 3
    assert large.json()["indicator"]["id"] == indicator.pk
    assert "measurements" not in large.json()


def test_the_measurements_are_listed_page_by_page(client, cast, token) -> None:
    indicator = IndicatorFactory(coalition=cast.coalition, unit="t")
    MeasurementFactory.create_batch(30, indicator=indicator)
    url = f"/api/v1/indicators/{indicator.pk}/measurements"
    header = token(cast.lead, "write")
    created, _queries = _record(client, url, header, 7)
    listing = client.get(created.json()["indicator"]["measurements_url"], {"page_size": 10})
    assert listing.status_code == 200
    page = listing.json()
    assert page["count"] == 31
    assert len(page["results"]) == 10
    assert page["next"]
    assert created.json()["id"] in {m["id"] for m in page["results"]}  # newest first


def test_a_private_indicator_is_not_listed(client, cast) -> None:
    indicator = IndicatorFactory(coalition=cast.coalition, is_public=False)
    response = client.get(f"/api/v1/indicators/{indicator.pk}/measurements")
    assert response.status_code == 404

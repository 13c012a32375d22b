"""Deleting an indicator is confirmed first, saying what goes with it; the team's list of
indicators needing attention."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from alliage.evaluation import selectors
from alliage.evaluation.models import Indicator, Measurement

from ..factories import CoalitionFactory, IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


def test_deleting_an_indicator_asks_first_and_says_what_is_lost(client, cast) -> None:
    indicator = IndicatorFactory(coalition=cast.coalition, name="Émissions")
    MeasurementFactory(indicator=indicator)
    MeasurementFactory(indicator=indicator, measured_on=dt.date(2025, 6, 1))
    client.force_login(cast.lead)
    detail = reverse("evaluation:indicator-detail", args=[cast.coalition.slug, indicator.pk])
    delete = reverse("evaluation:indicator-delete", args=[cast.coalition.slug, indicator.pk])
    html = client.get("/en" + detail).content.decode()
    assert f'href="/en{delete}"' in html
    assert f'action="/en{delete}"' not in html  # no one-click deletion on its page
    # The confirmation page (a GET, which writes nothing) says what goes with it.
    response = client.get("/en" + delete)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Its 2 measurements will be deleted with it." in html
    assert f'action="/en{delete}"' in html
    assert f'href="/en{detail}"' in html  # the way back
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    response = client.post(delete)
    assert response.status_code == 302
    assert not Indicator.objects.filter(pk=indicator.pk).exists()
    assert not Measurement.objects.filter(indicator_id=indicator.pk).exists()


def test_the_confirmation_step_is_for_those_who_may_delete(client, cast) -> None:
    indicator = IndicatorFactory(coalition=cast.coalition)
    client.force_login(cast.member)
    delete = reverse("evaluation:indicator-delete", args=[cast.coalition.slug, indicator.pk])
    detail = reverse("evaluation:indicator-detail", args=[cast.coalition.slug, indicator.pk])
    assert delete not in client.get(detail).content.decode()
    assert client.get(delete).status_code == 403
    assert client.post(delete).status_code == 403
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_another_coalitions_indicator_is_not_found_through_ones_own(client, cast) -> None:
    other = IndicatorFactory(coalition=CoalitionFactory())
    client.force_login(cast.lead)
    delete = reverse("evaluation:indicator-delete", args=[cast.coalition.slug, other.pk])
    assert client.get(delete).status_code == 404
    assert client.post(delete).status_code == 404
    assert Indicator.objects.filter(pk=other.pk).exists()


def test_indicators_needing_attention_late_or_stale_of_open_coalitions(cast) -> None:
    programme = cast.coalition.programme
    today = dt.date.today()  # noqa: DTZ011
    late = IndicatorFactory(coalition=cast.coalition, name="late")
    MeasurementFactory(indicator=late, value=1000, measured_on=today)
    fine = IndicatorFactory(coalition=cast.coalition, name="fine", baseline_date=today)
    stale = IndicatorFactory(coalition=cast.coalition, name="stale")
    MeasurementFactory(indicator=stale, value=100, measured_on=today - dt.timedelta(days=120))
    closed = CoalitionFactory(programme=programme, status="closed")
    IndicatorFactory(coalition=closed, name="closed", baseline_date=dt.date(2020, 1, 1))
    IndicatorFactory(name="elsewhere", baseline_date=dt.date(2020, 1, 1))
    rows = selectors.indicators_needing_attention(programmes=[programme])
    assert {i.name for i in rows} == {"late", "stale"}
    assert fine.pk not in {i.pk for i in rows}
    assert [
        i.name
        for i in selectors.indicators_needing_attention(programmes=[programme], state="stale")
    ] == ["stale"]
    counts = selectors.attention_counts(rows)
    assert counts[programme.pk] == {"late": 1, "stale": 1}
    assert [i.name for i in selectors.indicators_to_measure(user=cast.lead)] == ["late", "stale"]
    assert selectors.indicators_to_measure(user=cast.member) == []

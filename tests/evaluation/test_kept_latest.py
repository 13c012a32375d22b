"""Each indicator keeps its latest measurement (``latest_value``, ``latest_measured_on``) through
the services that record and delete measurements; the statuses counted in SQL from it are the
ones ``progress_of`` gives in Python."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from alliage.evaluation import selectors, services
from alliage.evaluation.models import Indicator, Measurement
from alliage.evaluation.progress import progress_of

from ..conftest import Cast, fresh
from ..factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def latest(indicator: Indicator) -> tuple[Decimal | None, dt.date | None]:
    indicator.refresh_from_db(fields=["latest_value", "latest_measured_on"])
    return indicator.latest_value, indicator.latest_measured_on


def test_recording_and_deleting_keep_the_latest_measurement(cast: Cast) -> None:
    indicator = IndicatorFactory(coalition=cast.coalition)
    lead = fresh(cast.lead)
    assert latest(indicator) == (None, None)

    def record(value: str, on: dt.date) -> Measurement:
        return services.measurement_record(
            indicator=indicator, by=lead, value=value, measured_on=on, source="Bilan"
        )

    march = record("900", dt.date(2025, 3, 1))
    assert latest(indicator) == (Decimal("900"), dt.date(2025, 3, 1))
    record("950", dt.date(2025, 1, 1))  # an older value entered later changes nothing
    assert latest(indicator) == (Decimal("900"), dt.date(2025, 3, 1))
    same_day = record("880", dt.date(2025, 3, 1))  # the same day: the last entered wins
    assert latest(indicator) == (Decimal("880"), dt.date(2025, 3, 1))
    services.measurement_delete(measurement=same_day, by=lead)
    assert latest(indicator) == (Decimal("900"), dt.date(2025, 3, 1))
    services.measurement_delete(measurement=march, by=lead)
    assert latest(indicator) == (Decimal("950"), dt.date(2025, 1, 1))
    services.measurement_delete(measurement=indicator.measurements.get(), by=lead)
    assert latest(indicator) == (None, None)


def test_the_rebuild_after_a_bulk_load(cast: Cast) -> None:
    indicator = IndicatorFactory(coalition=cast.coalition)
    Measurement.objects.bulk_create(
        Measurement(indicator=indicator, value=v, measured_on=dt.date(2025, m, 1), source="x")
        for v, m in ((10, 1), (30, 5), (20, 3))
    )
    assert latest(indicator) == (None, None)
    call_command("rebuild_indicator_latest", verbosity=0)
    assert latest(indicator) == (Decimal("30"), dt.date(2025, 5, 1))


def test_statuses_counted_in_sql_are_those_of_progress_of(cast: Cast) -> None:
    """Every combination of direction, of a latest value before, on and past the path and the
    target, of today before the baseline, on the way and past the target date, and a target
    equal to its baseline (hold steady)."""
    today = timezone.localdate()
    made = []
    cases = itertools.product(
        ("up", "down"),
        (None, "0", "250", "500", "500.0001", "499.9999", "750", "1000", "1200", "-5"),
        (-400, -200, 0, 1, 200, 400),  # the baseline date, in days from today
        (False, True),  # hold steady
    )
    for direction, value, start, steady in cases:
        baseline, target = (0, 1000) if direction == "up" else (1000, 0)
        if steady:
            target = baseline
        made.append(
            IndicatorFactory(
                coalition=cast.coalition,
                direction=direction,
                baseline_value=baseline,
                target_value=target,
                baseline_date=today + dt.timedelta(days=start),
                target_date=today + dt.timedelta(days=start + 400),
                latest_value=None if value is None else Decimal(value),
            )
        )
    # The path's middle falls exactly on a value: baseline 0, target 1000 over 400 days,
    # 200 days in, 500 is on the path (on track) and 499.9999 just below it (late).
    expected = {}
    for indicator in made:
        expected[indicator.pk] = progress_of(
            baseline=indicator.baseline_value,
            baseline_date=indicator.baseline_date,
            target=indicator.target_value,
            target_date=indicator.target_date,
            direction=indicator.direction,
            latest=indicator.latest_value,
            today=today,
        ).status
    in_sql = dict(
        selectors.with_status(Indicator.objects.filter(pk__in=expected), today=today).values_list(
            "pk", "status"
        )
    )
    assert in_sql == expected
    assert len(set(expected.values())) == 4  # every status is met
    counts = selectors.counts_by_status(Indicator.objects.filter(pk__in=expected))
    assert {key: n for key, _label, n in counts} == {
        status: sum(1 for s in expected.values() if s == status)
        for status in ("on_track", "late", "reached", "no_data")
    }

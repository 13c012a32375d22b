"""Progress and status on worked examples; numbers typed by people, with and without a unit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliage.evaluation.progress import (
    IndicatorStatus,
    QuantityError,
    expected_value,
    parse_quantity,
    progress_of,
)

D = Decimal
EMISSIONS = {
    "baseline": D(1000),
    "baseline_date": date(2024, 1, 1),
    "target": D(500),
    "target_date": date(2028, 1, 1),
    "direction": "down",
}


def test_a_decreasing_indicator_progresses_as_it_falls() -> None:
    # Halfway through the period the path expects 750 t; 700 t is ahead of it.
    p = progress_of(**EMISSIONS, latest=D(700), today=date(2026, 1, 1))
    assert p.raw == pytest.approx(0.6)
    assert float(p.expected) == pytest.approx(750, abs=0.5)  # leap days aside
    assert p.status == IndicatorStatus.ON_TRACK
    late = progress_of(**EMISSIONS, latest=D(800), today=date(2026, 1, 1))
    assert late.raw == pytest.approx(0.4)
    assert late.status == IndicatorStatus.LATE


def test_going_the_wrong_way_keeps_the_raw_figure_and_clips_the_display() -> None:
    p = progress_of(**EMISSIONS, latest=D(1100), today=date(2025, 1, 1))
    assert p.raw == pytest.approx(-0.2)
    assert p.display == 0.0
    beaten = progress_of(**EMISSIONS, latest=D(400), today=date(2025, 1, 1))
    assert beaten.raw == pytest.approx(1.2)
    assert beaten.display == 1.0
    assert beaten.status == IndicatorStatus.REACHED


def test_a_target_equal_to_the_baseline_has_no_progress_but_a_status() -> None:
    hold = {**EMISSIONS, "target": D(1000)}
    held = progress_of(**hold, latest=D(990), today=date(2026, 1, 1))
    assert held.raw is None
    assert held.display is None
    assert held.status == IndicatorStatus.REACHED
    slipped = progress_of(**hold, latest=D(1010), today=date(2026, 1, 1))
    assert slipped.raw is None
    assert slipped.status == IndicatorStatus.LATE


def test_no_measurement_yet_is_no_data() -> None:
    p = progress_of(**EMISSIONS, latest=None, today=date(2026, 1, 1))
    assert p.status == IndicatorStatus.NO_DATA
    assert p.raw is None
    assert p.current is None


def test_past_the_target_date_the_path_is_the_target() -> None:
    p = progress_of(**EMISSIONS, latest=D(520), today=date(2029, 6, 1))
    assert p.expected == D(500)
    assert p.status == IndicatorStatus.LATE
    assert p.raw == pytest.approx(0.96)
    reached = progress_of(**EMISSIONS, latest=D(500), today=date(2029, 6, 1))
    assert reached.status == IndicatorStatus.REACHED


def test_before_the_baseline_date_the_path_is_the_baseline() -> None:
    at = expected_value(
        baseline=D(10), baseline_date=date(2025, 1, 1), target=D(20), target_date=date(2026, 1, 1),
        at=date(2024, 6, 1),
    )  # fmt: skip
    assert at == D(10)


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [
        ("12", "t", D("12")),
        ("12,5", "t", D("12.5")),
        ("1 234,5", "t", D("1234.5")),
        ("1\u202f234,5 t", "t", D("1234.5")),
        ("1,234.5", "t", D("1234.5")),
        ("1.234,5", "t", D("1234.5")),
        ("-3.5 %", "%", D("-3.5")),
        ("\u22123,5", "%", D("-3.5")),
        ("1690 t CO2e", "t CO2e", D("1690")),
        ("1690 tCO₂e", "t CO2e", D("1690")),
        ("48 projets", "projets", D("48")),
    ],
)
def test_numbers_are_read_the_french_and_the_english_way(typed, unit, value) -> None:
    assert parse_quantity(typed, unit) == value


@pytest.mark.parametrize(
    ("typed", "unit", "message"),
    [
        ("12 kg", "t", "mesuré en t, pas en kg"),
        ("5 %", "", "sans unité"),
        ("douze", "t", "Saisissez un nombre"),
        ("", "t", "Saisissez un nombre"),
        ("--5", "t", "Saisissez un nombre"),
        ("99999999999999", "t", "mille milliards"),
    ],
)
def test_a_value_in_the_wrong_unit_or_not_a_number_is_refused(typed, unit, message) -> None:
    with pytest.raises(QuantityError) as error:
        parse_quantity(typed, unit)
    assert message in str(error.value)


@given(st.text(max_size=40), st.sampled_from(["", "t", "%", "projets"]))
def test_any_text_gives_a_number_or_a_clear_refusal(typed, unit) -> None:
    try:
        value = parse_quantity(typed, unit)
    except QuantityError:
        return
    assert value.is_finite()
    assert abs(value) < D("1e12")


def test_a_count_is_expected_in_whole_units_but_judged_on_the_exact_path() -> None:
    counted = progress_of(
        baseline=D(4),
        baseline_date=date(2026, 1, 1),
        target=D(30),
        target_date=date(2028, 1, 1),
        direction="up",
        latest=D(12),
        today=date(2026, 8, 20),
    )
    assert counted.whole and counted.expected != counted.expected.to_integral_value()
    assert counted.expected_shown == counted.expected.to_integral_value()
    tonnes = progress_of(
        baseline=D("1.5"),
        baseline_date=date(2026, 1, 1),
        target=D(30),
        target_date=date(2028, 1, 1),
        direction="up",
        latest=None,
        today=date(2026, 8, 20),
    )
    assert not tonnes.whole and tonnes.expected_shown == tonnes.expected

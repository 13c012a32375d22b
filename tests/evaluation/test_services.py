"""Indicators, measurements and assessments: bad input refused with a clear message, nothing
half-written, and each side of the dialogue written by the right people."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliage.core.errors import BusinessError, PermissionRefused
from alliage.evaluation import services
from alliage.evaluation.models import Assessment, AssessmentSide, Indicator, Measurement

from ..factories import IndicatorFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Émissions des postes de travail",
    "unit": "t CO2e",
    "direction": "down",
    "baseline_value": Decimal("1800"),
    "baseline_date": dt.date(2025, 1, 1),
    "target_value": Decimal("1200"),
    "target_date": dt.date(2027, 12, 31),
}


def test_a_lead_and_the_team_define_indicators(cast) -> None:
    for user in (cast.lead, cast.team, cast.admin):
        indicator = services.indicator_save(coalition=cast.coalition, by=user, data=GOOD)
        assert indicator.coalition == cast.coalition
    for user in (cast.member, cast.outsider):
        with pytest.raises(PermissionRefused):
            services.indicator_save(coalition=cast.coalition, by=user, data=GOOD)
    assert Indicator.objects.count() == 3


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"target_date": dt.date(2024, 1, 1)}, "target_date", "après la date de référence"),
        ({"target_date": dt.date(2025, 1, 1)}, "target_date", "après la date de référence"),
        ({"target_value": Decimal("2000")}, "target_value", "ne peut pas dépasser"),
        ({"direction": "up"}, "target_value", "ne peut pas être sous"),
        ({"name": ""}, "name", ""),
        ({"direction": "sideways"}, "direction", ""),
        ({"baseline_value": Decimal("1e20")}, "baseline_value", ""),
    ],
)
def test_an_inconsistent_indicator_is_refused_on_its_field(cast, change, field, words) -> None:
    with pytest.raises(BusinessError) as error:
        services.indicator_save(coalition=cast.coalition, by=cast.lead, data={**GOOD, **change})
    assert error.value.field == field
    assert words in error.value.message
    assert not Indicator.objects.exists()


def test_the_database_holds_the_same_rules(cast) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(coalition=cast.coalition, **{**GOOD, "direction": "up"})


def test_an_indicator_of_another_coalition_cannot_be_edited_through_this_one(cast) -> None:
    other = IndicatorFactory()
    with pytest.raises(BusinessError):
        services.indicator_save(
            coalition=cast.coalition, by=cast.lead, data={"name": "x"}, indicator=other
        )


@time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC), tick=False)
def test_measurements_are_recorded_with_their_source_and_author(cast) -> None:
    indicator = IndicatorFactory(coalition=cast.coalition, unit="t CO2e")
    m = services.measurement_record(
        indicator=indicator,
        by=cast.lead,
        value="1 650,5 t CO2e",
        measured_on=dt.date(2026, 5, 31),
        source="Bilan carbone",
    )
    assert m.value == Decimal("1650.5")
    assert m.recorded_by.user == cast.lead
    with pytest.raises(PermissionRefused):
        services.measurement_record(
            indicator=indicator,
            by=cast.member,
            value="1",
            measured_on=dt.date(2026, 5, 31),
            source="x",
        )


@time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize(
    ("value", "day", "source", "field"),
    [
        ("12 kg", dt.date(2026, 5, 1), "s", "value"),
        ("douze", dt.date(2026, 5, 1), "s", "value"),
        ("12", dt.date(2026, 6, 2), "s", "measured_on"),
        ("12", dt.date(1800, 1, 1), "s", "measured_on"),
        ("12", dt.date(2026, 5, 1), "   ", "source"),
        ("12", dt.date(2026, 5, 1), "s" * 301, "source"),
    ],
)
def test_a_bad_measurement_is_refused_and_nothing_is_written(cast, value, day, source, field):
    indicator = IndicatorFactory(coalition=cast.coalition, unit="t")
    with pytest.raises(BusinessError) as error:
        services.measurement_record(
            indicator=indicator, by=cast.lead, value=value, measured_on=day, source=source
        )
    assert error.value.field == field
    assert not Measurement.objects.exists()


def test_each_side_of_the_dialogue_is_written_by_its_own_people(grid, cast, accompanier):
    today = timezone.localdate()
    answers = {"depth_factor": 3, "novelty": "Réparer au lieu de remplacer."}
    mine = services.assessment_save(
        coalition=cast.coalition, by=cast.lead, side="self", answers=answers, assessed_on=today
    )
    assert mine.scores["depth"] == 3
    assert mine.scores["breadth"] is None
    for user in (accompanier, cast.team):
        theirs = services.assessment_save(
            coalition=cast.coalition,
            by=user,
            side=AssessmentSide.ACCOMPANIER,
            answers={"depth_factor": 1},
            assessed_on=today,
        )
        assert theirs.version == grid
    refusals = [
        (cast.lead, "accompanier"),
        (accompanier, "self"),
        (cast.team, "self"),
        (cast.member, "self"),
        (cast.outsider, "accompanier"),
    ]
    for user, side in refusals:
        with pytest.raises(PermissionRefused):
            services.assessment_save(
                coalition=cast.coalition, by=user, side=side, answers=answers, assessed_on=today
            )
    assert Assessment.objects.count() == 3


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"depth_factor": 7}, "depth_factor"),
        ({"depth_factor": -1}, "depth_factor"),
        ({"depth_factor": "3"}, "depth_factor"),
        ({"depth_factor": True}, "depth_factor"),
        ({"depth_factor": 2, "novelty": "x" * 5001}, "novelty"),
        ({"novelty": "Only words, no rating."}, None),
    ],
)
def test_bad_answers_are_refused(grid, cast, answers, field) -> None:
    with pytest.raises(BusinessError) as error:
        services.assessment_save(
            coalition=cast.coalition,
            by=cast.lead,
            side="self",
            answers=answers,
            assessed_on=timezone.localdate(),
        )
    assert error.value.field == field
    assert not Assessment.objects.exists()


def test_unknown_questions_are_dropped(grid, cast) -> None:
    a = services.assessment_save(
        coalition=cast.coalition,
        by=cast.lead,
        side="self",
        answers={"depth_factor": 2, "injected": "<script>"},
        assessed_on=timezone.localdate(),
    )
    assert "injected" not in a.answers


def test_an_assessment_cannot_be_dated_in_the_future(grid, cast) -> None:
    with pytest.raises(BusinessError) as error:
        services.assessment_save(
            coalition=cast.coalition,
            by=cast.lead,
            side="self",
            answers={"depth_factor": 2},
            assessed_on=timezone.localdate() + dt.timedelta(days=2),
        )
    assert error.value.field == "assessed_on"

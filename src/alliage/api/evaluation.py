"""Impact indicators and their measurements in the API: read through the evaluation app's
selectors, measurements recorded through its service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema
from ninja.responses import Status

from alliage.coalitions import selectors as coalition_selectors
from alliage.evaluation import selectors as evaluation_selectors
from alliage.evaluation import services as evaluation_services
from alliage.evaluation.models import Indicator

from .common import WRITE, domain_router, last_modified
from .problems import READ_ERRORS, WRITE_ERRORS

router = domain_router("evaluation")


# Schemas -----------------------------------------------------------------------------------


class MeasurementOut(Schema):
    measured_on: dt.date
    value: float
    source: str
    note: str


class Point(Schema):
    value: float
    date: dt.date


class IndicatorOut(Schema):
    id: int
    name: str
    description: str
    unit: str
    direction: str
    baseline: Point
    target: Point
    status: str = Field(description="on_track, late, reached or no_data, at today's date.")
    progress: float | None = Field(
        description="(latest - baseline) / (target - baseline), not clipped; null without data."
    )
    measurements: list[MeasurementOut]


class MeasurementIn(Schema):
    value: str = Field(
        min_length=1,
        max_length=60,
        description='A number, optionally followed by the indicator\'s unit: "1 650,5 t CO2e".',
    )
    measured_on: dt.date
    source: str = Field(min_length=1, max_length=300)
    note: str = Field("", max_length=2000)


# Reads the selectors do not offer yet ------------------------------------------------------


# Serialisers -------------------------------------------------------------------------------


def indicator_out(i: Indicator) -> dict[str, Any]:
    return {
        "id": i.pk,
        "name": i.name,
        "description": i.description,
        "unit": i.unit,
        "direction": i.direction,
        "baseline": {"value": float(i.baseline_value), "date": i.baseline_date},
        "target": {"value": float(i.target_value), "date": i.target_date},
        "status": str(i.progress.status),
        "progress": i.progress.raw,
        "measurements": [
            {
                "measured_on": m.measured_on,
                "value": float(m.value),
                "source": m.source,
                "note": m.note,
            }
            for m in i.measurements.all()
        ],
    }


# Endpoints ---------------------------------------------------------------------------------


@router.get(
    "/coalitions/{slug}/indicators",
    response={200: list[IndicatorOut], **READ_ERRORS},
    operation_id="alliage_api_routers_indicator_list",
)
def indicator_list(request: HttpRequest, response: HttpResponse, slug: str):
    """The coalition's impact indicators you can see, with their measurements and status."""
    coalition = coalition_selectors.coalition_visible_to(slug=slug, viewer=request.user)
    indicators = evaluation_selectors.indicators_for(coalition=coalition, viewer=request.user)
    last_modified(response, max((i.updated_at for i in indicators), default=None))
    return [indicator_out(i) for i in indicators]


@router.post(
    "/indicators/{indicator_id}/measurements",
    response={201: IndicatorOut, **WRITE_ERRORS},
    operation_id="alliage_api_routers_measurement_create",
    **WRITE,
)
def measurement_create(request: HttpRequest, indicator_id: int, measurement: MeasurementIn):
    """Record a dated measurement (the coalition's leads and the programme team)."""
    slug = evaluation_selectors.indicator_coalition_slug(indicator_id=indicator_id)
    coalition = coalition_selectors.coalition_visible_to(slug=slug, viewer=request.user)
    indicator = evaluation_selectors.indicator_detail(
        coalition=coalition, pk=indicator_id, viewer=request.user
    )
    evaluation_services.measurement_record(
        indicator=indicator,
        by=request.user,
        value=measurement.value,
        measured_on=measurement.measured_on,
        source=measurement.source,
        note=measurement.note,
    )
    fresh = evaluation_selectors.indicator_detail(
        coalition=coalition, pk=indicator.pk, viewer=request.user
    )
    return Status(201, indicator_out(fresh))

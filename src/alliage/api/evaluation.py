"""Impact indicators and their measurements in the API: read through the evaluation app's
selectors, measurements recorded through its service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Schema
from ninja.responses import Status

from alliage.coalitions import selectors as coalition_selectors
from alliage.evaluation import selectors as evaluation_selectors
from alliage.evaluation import services as evaluation_services
from alliage.evaluation.models import Indicator, Measurement

from .common import WRITE, Page, Paging, domain_router, last_modified, paginate
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


class MeasurementItem(MeasurementOut):
    id: int


class IndicatorProgressOut(Schema):
    id: int
    status: str = Field(description="on_track, late, reached or no_data, at today's date.")
    progress: float | None = Field(
        description="(latest - baseline) / (target - baseline), not clipped; null without data."
    )
    measurements_url: str = Field(description="All its measurements, newest first, paginated.")


class MeasurementCreatedOut(MeasurementItem):
    """The measurement recorded, and where its indicator stands now (not every measurement:
    the answer stays the same size however many the indicator has)."""

    indicator: IndicatorProgressOut


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


def measurement_out(m: Measurement) -> dict[str, Any]:
    return {
        "id": m.pk,
        "measured_on": m.measured_on,
        "value": float(m.value),
        "source": m.source,
        "note": m.note,
    }


def _measurements_url(request: HttpRequest, indicator_id: int) -> str:
    return request.build_absolute_uri(
        reverse("api:measurement_list", kwargs={"indicator_id": indicator_id})
    )


def _indicator_of(request: HttpRequest, indicator_id: int) -> Indicator:
    slug = evaluation_selectors.indicator_coalition_slug(indicator_id=indicator_id)
    coalition = coalition_selectors.coalition_visible_to(slug=slug, viewer=request.user)
    return evaluation_selectors.indicator_detail(
        coalition=coalition, pk=indicator_id, viewer=request.user, measurements=False
    )


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


@router.get(
    "/indicators/{indicator_id}/measurements",
    response={200: Page[MeasurementItem], **READ_ERRORS},
    operation_id="alliage_api_routers_measurement_list",
)
def measurement_list(
    request: HttpRequest, response: HttpResponse, indicator_id: int, paging: Query[Paging]
):
    """An indicator's measurements you can see, newest first."""
    indicator = _indicator_of(request, indicator_id)
    last_modified(response, indicator.updated_at)
    measurements = evaluation_selectors.measurements_of(indicator=indicator)
    page = paginate(request, measurements, paging, response)
    page["results"] = [measurement_out(m) for m in page["results"]]
    return page


@router.post(
    "/indicators/{indicator_id}/measurements",
    response={201: MeasurementCreatedOut, **WRITE_ERRORS},
    operation_id="alliage_api_routers_measurement_create",
    **WRITE,
)
def measurement_create(request: HttpRequest, indicator_id: int, measurement: MeasurementIn):
    """Record a dated measurement (the coalition's leads and the programme team). The answer
    is the measurement and the indicator's status after it; list every measurement with GET
    /indicators/{indicator_id}/measurements."""
    indicator = _indicator_of(request, indicator_id)
    created = evaluation_services.measurement_record(
        indicator=indicator,
        by=request.user,
        value=measurement.value,
        measured_on=measurement.measured_on,
        source=measurement.source,
        note=measurement.note,
    )
    fresh = evaluation_selectors.indicator_detail(
        coalition=indicator.coalition, pk=indicator.pk, viewer=request.user, measurements=False
    )
    url = _measurements_url(request, indicator.pk)
    return Status(
        201,
        {
            **measurement_out(created),
            "indicator": {
                "id": fresh.pk,
                "status": str(fresh.progress.status),
                "progress": fresh.progress.raw,
                "measurements_url": url,
            },
        },
    )

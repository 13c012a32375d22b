"""What the evaluation's pages share: the coalition (or programme) they are about, the
indicator or assessment reached through it, and the charts drawn from them.

Coalitions and programmes are reached through the coalitions app's selectors only, so their
model classes are not named here (their parameters are typed ``Any``)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils.translation import gettext as _

from alliage.coalitions import selectors as coalition_selectors
from alliage.core.dates import format_date
from alliage.core.http import access_or_404

from .. import charts, selectors
from ..models import Assessment, Indicator
from ..questionnaire import Grid

T = TypeVar("T")


def coalition_or_404(request: HttpRequest, slug: str) -> Any:
    """The coalition, if the viewer may see it; an unpublished one does not exist for others."""
    return access_or_404(
        request, coalition_selectors.coalition_detail, "coalitions.see_coalition", slug=slug
    )


def programme_or_404(request: HttpRequest, slug: str) -> Any:
    """Every programme is public: only a missing one is a 404."""
    return access_or_404(request, coalition_selectors.programme_detail, None, slug=slug)


def indicator_or_404(request: HttpRequest, coalition: Any, pk: int) -> Indicator:
    return access_or_404(
        request, selectors.indicator_detail, None, coalition=coalition, pk=pk, viewer=request.user
    )


def assessment_or_404(request: HttpRequest, coalition: Any, pk: int) -> Assessment:
    return access_or_404(
        request, selectors.assessment_detail, None, coalition=coalition, pk=pk, viewer=request.user
    )


def indicator_chart(indicator: Indicator) -> charts.Chart:
    return charts.indicator_chart(
        ident=f"ind-{indicator.pk}",
        name=indicator.name,
        unit=indicator.unit,
        baseline=(indicator.baseline_date, indicator.baseline_value),
        target=(indicator.target_date, indicator.target_value),
        measurements=[(m.measured_on, m.value) for m in indicator.measurements.all()],
    )


def radar(
    first: Assessment, second: Assessment | None, rows: list[selectors.DimensionRow]
) -> charts.Chart:
    series = [(_side_label(first), first.scores)]
    if second is not None:
        series.append((_side_label(second), second.scores))
    return charts.radar_chart(
        ident=f"radar-{first.pk}-{second.pk if second else 0}",
        axes=[(row.key, row.label) for row in rows],
        series=series,
        scale_max=Grid(first.version.content).scale_max,
    )


def _side_label(assessment: Assessment) -> str:
    return _("%(side)s, %(date)s") % {
        "side": assessment.get_side_display(),
        "date": format_date(assessment.assessed_on, "SHORT_DATE_FORMAT"),
    }

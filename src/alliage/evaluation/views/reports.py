"""Impact reports of a coalition and of a programme: HTML to print, and CSV."""

from __future__ import annotations

import csv
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from alliage.coalitions import selectors as coalition_selectors
from alliage.coalitions.models import CoalitionStatus
from alliage.core.http import canonical_url, csv_cell, csv_response
from alliage.core.pagination import paginate_bounded

from .. import charts, selectors
from ..models import Indicator
from ..progress import IndicatorStatus
from .common import coalition_or_404, indicator_chart, programme_or_404, radar

# Indicators that count as "on track" in the programme's headline figure.
ON_COURSE = (IndicatorStatus.ON_TRACK, IndicatorStatus.REACHED)


@require_GET
def coalition_impact(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = coalition_or_404(request, slug)
    indicators = selectors.indicators_for(coalition=coalition, viewer=request.user)
    assessments = selectors.assessments_for(coalition=coalition, viewer=request.user)
    first, second = selectors.dialogue(assessments)
    first = first or second
    second = second if first is not second else None
    rows = selectors.compare(first, second) if first else []
    return render(
        request,
        "evaluation/impact_coalition.html",
        {
            "coalition": coalition,
            "heterogeneity": coalition_selectors.coalition_heterogeneity(coalition),
            "indicators": [(i, indicator_chart(i)) for i in indicators],
            "counts": selectors.status_counts(indicators),
            "first": first,
            "second": second,
            "rows": rows,
            "radar": radar(first, second, rows) if first else None,
            "today": timezone.localdate(),
            "report_url": canonical_url(request),
        },
    )


# Coalitions per page of the programme's impact report (the CSV holds every indicator).
REPORT_COALITIONS_PER_PAGE = 25


@require_GET
def programme_impact(request: HttpRequest, slug: str) -> HttpResponse:
    """The figures counted in SQL, then a page of coalitions with their indicators: the
    report's cost does not grow with the programme."""
    programme = programme_or_404(request, slug)
    status_counts = coalition_selectors.programme_status_counts(
        programme=programme, viewer=request.user
    )
    counts = selectors.programme_indicator_counts(programme=programme, viewer=request.user)
    page = paginate_bounded(
        request,
        selectors.programme_indicator_coalitions(programme=programme, viewer=request.user),
        REPORT_COALITIONS_PER_PAGE,
    )
    return render(
        request,
        "evaluation/impact_programme.html",
        {
            "programme": programme,
            "page": page,
            "groups": selectors.programme_indicator_groups(
                programme=programme, viewer=request.user, coalitions=page.object_list
            ),
            "counts": counts,
            "total": sum(n for _key, _label, n in counts),
            "on_track": sum(n for key, _l, n in counts if key in ON_COURSE),
            "coalition_chart": charts.bar_chart(
                ident="coalitions-by-status",
                title=_("Coalitions by status"),
                description=_("How many of the programme's coalitions are at each stage."),
                bars=status_counts,
            ),
            "indicator_chart": charts.bar_chart(
                ident="indicators-by-status",
                title=_("Indicators by status"),
                description=_("How the coalitions' indicators stand against their paths."),
                bars=counts,
            ),
            "today": timezone.localdate(),
            "statuses": CoalitionStatus,
            "report_url": canonical_url(
                request, {"page": page.number} if page.number > 1 else None
            ),
        },
    )


CSV_HEADER = (
    "coalition",
    "indicator",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "status",
    "progress",
    "measured_on",
    "value",
    "source",
    "note",
)


def _plain(value: Decimal) -> str:
    """2.5000 as "2.5" and 100.0000 as "100", never "1E+2"."""
    return format(value.normalize(), "f")


def _csv(filename: str, indicators: list[Indicator]) -> HttpResponse:
    """One row per measurement, and one per indicator that has none yet."""
    response = csv_response(filename, bom=False)
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for indicator in indicators:
        head = [
            csv_cell(indicator.coalition.slug),
            csv_cell(indicator.name),
            csv_cell(indicator.unit),
            indicator.direction,
            _plain(indicator.baseline_value),
            indicator.baseline_date.isoformat(),
            _plain(indicator.target_value),
            indicator.target_date.isoformat(),
            IndicatorStatus(indicator.progress.status).value,
            "" if indicator.progress.raw is None else round(indicator.progress.raw, 4),
        ]
        rows = [
            [m.measured_on.isoformat(), _plain(m.value), csv_cell(m.source), csv_cell(m.note)]
            for m in indicator.measurements.all()
        ] or [["", "", "", ""]]
        for row in rows:
            writer.writerow(head + row)
    return response


@require_GET
def coalition_impact_csv(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = coalition_or_404(request, slug)
    indicators = selectors.indicators_for(coalition=coalition, viewer=request.user)
    for indicator in indicators:
        indicator.coalition = coalition
    return _csv(f"impact-{coalition.slug}.csv", indicators)


@require_GET
def programme_impact_csv(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_or_404(request, slug)
    indicators = selectors.programme_indicators(
        programme=programme, viewer=request.user, measurements=True
    )
    return _csv(f"impact-{programme.slug}.csv", indicators)

"""Pages of the evaluation: indicators and measurements, Facteur 4 assessments and their
comparison, and the impact reports of a coalition and of a programme (HTML to print, CSV)."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliage.coalitions import selectors as coalition_selectors
from alliage.coalitions.models import Coalition, CoalitionStatus, Programme
from alliage.core.errors import BusinessError
from alliage.core.http import csv_cell, require_perm

from . import charts, selectors, services
from .forms import AssessmentForm, IndicatorForm, MeasurementForm
from .models import Assessment, AssessmentSide, Indicator, Measurement, QuestionnaireVersion
from .progress import IndicatorStatus
from .questionnaire import Grid


def _coalition(request: HttpRequest, slug: str) -> Coalition:
    """The coalition, if the viewer may see it; an unpublished one does not exist for others."""
    try:
        return coalition_selectors.coalition_visible_to(slug=slug, viewer=request.user)
    except Coalition.DoesNotExist as missing:
        raise Http404 from missing


def _indicator(request: HttpRequest, coalition: Coalition, pk: int) -> Indicator:
    try:
        return selectors.indicator_detail(coalition=coalition, pk=pk, viewer=request.user)
    except Indicator.DoesNotExist as missing:
        raise Http404 from missing


def _assessment(request: HttpRequest, coalition: Coalition, pk: int) -> Assessment:
    try:
        return selectors.assessment_detail(coalition=coalition, pk=pk, viewer=request.user)
    except Assessment.DoesNotExist as missing:
        raise Http404 from missing


def _indicator_chart(indicator: Indicator) -> charts.Chart:
    return charts.indicator_chart(
        ident=f"ind-{indicator.pk}",
        name=indicator.name,
        unit=indicator.unit,
        baseline=(indicator.baseline_date, indicator.baseline_value),
        target=(indicator.target_date, indicator.target_value),
        measurements=[(m.measured_on, m.value) for m in indicator.measurements.all()],
    )


def _radar(first: Assessment, second: Assessment | None, rows: list[Any]) -> charts.Chart:
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
        "date": date_format(assessment.assessed_on, "SHORT_DATE_FORMAT"),
    }


# Indicators and measurements ---------------------------------------------------------------


def _indicator_form(request: HttpRequest, coalition: Coalition, indicator: Indicator | None):
    if denied := require_perm(request, "evaluation.manage_indicators", coalition):
        return denied
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.indicator_save(
                coalition=coalition, by=request.user, data=form.cleaned_data, indicator=indicator
            )
        except BusinessError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The indicator is saved."))
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "evaluation/indicator_form.html",
        {"coalition": coalition, "form": form, "indicator": indicator},
    )


def indicator_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _indicator_form(request, _coalition(request, slug), None)


def indicator_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    coalition = _coalition(request, slug)
    return _indicator_form(request, coalition, _indicator(request, coalition, pk))


def indicator_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    coalition = _coalition(request, slug)
    indicator = _indicator(request, coalition, pk)
    can_record = request.user.has_perm("evaluation.record_measurement", coalition)
    form = None
    if can_record:
        form = MeasurementForm(request.POST or None, unit=indicator.unit)
    if request.method == "POST":
        if denied := require_perm(request, "evaluation.record_measurement", coalition):
            return denied
        if form is not None and form.is_valid():
            try:
                services.measurement_record(
                    indicator=indicator, by=request.user, **form.cleaned_data
                )
            except BusinessError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The measurement is recorded."))
                return redirect(indicator.get_absolute_url())
    return render(
        request,
        "evaluation/indicator_detail.html",
        {
            "coalition": coalition,
            "indicator": indicator,
            "chart": _indicator_chart(indicator),
            "measurements": list(selectors.measurements_of(indicator=indicator)),
            "form": form,
            "can_manage": request.user.has_perm("evaluation.manage_indicators", coalition),
            "can_record": can_record,
        },
    )


@require_POST
def indicator_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    coalition = _coalition(request, slug)
    indicator = _indicator(request, coalition, pk)
    if denied := require_perm(request, "evaluation.manage_indicators", coalition):
        return denied
    services.indicator_delete(indicator=indicator, by=request.user)
    messages.success(request, _("The indicator and its measurements are deleted."))
    return redirect(coalition.get_absolute_url() + "#s-evaluation")


@require_POST
def measurement_delete(request: HttpRequest, slug: str, pk: int, measurement: int) -> HttpResponse:
    coalition = _coalition(request, slug)
    indicator = _indicator(request, coalition, pk)
    if denied := require_perm(request, "evaluation.record_measurement", coalition):
        return denied
    try:
        row = indicator.measurements.get(pk=measurement)
    except Measurement.DoesNotExist as missing:
        raise Http404 from missing
    services.measurement_delete(measurement=row, by=request.user)
    messages.success(request, _("The measurement is deleted."))
    return redirect(indicator.get_absolute_url())


# Facteur 4 assessments -----------------------------------------------------------------------


def assessment_create(request: HttpRequest, slug: str, side: str) -> HttpResponse:
    coalition = _coalition(request, slug)
    if side not in AssessmentSide.values:
        raise Http404
    if denied := require_perm(request, services.ASSESS_PERMISSION[side], coalition):
        return denied
    version = (
        QuestionnaireVersion.objects.filter(questionnaire__slug="facteur-4")
        .order_by("-number")
        .first()
    )
    if version is None:
        messages.error(request, _("The Facteur 4 questionnaire is not loaded yet."))
        return redirect(coalition)
    grid = Grid(version.content)
    form = AssessmentForm(request.POST or None, grid=grid)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_save(
                coalition=coalition,
                by=request.user,
                side=side,
                answers=form.answers(),
                assessed_on=form.cleaned_data["assessed_on"],
                is_public=form.cleaned_data["is_public"],
                version=version,
            )
        except BusinessError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect(assessment.get_absolute_url())
    return render(
        request,
        "evaluation/assessment_form.html",
        {
            "coalition": coalition,
            "form": form,
            "grid": grid,
            "version": version,
            "side_label": AssessmentSide(side).label,
        },
    )


def assessment_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    coalition = _coalition(request, slug)
    assessment = _assessment(request, coalition, pk)
    grid = Grid(assessment.version.content)
    rows = selectors.compare(assessment, None)
    steps = [
        (title, [(q, assessment.answers.get(q.key)) for q in questions])
        for _key, title, _help, questions in grid.steps()
    ]
    return render(
        request,
        "evaluation/assessment_detail.html",
        {
            "coalition": coalition,
            "assessment": assessment,
            "grid": grid,
            "steps": steps,
            "scale": dict(grid.scale_labels),
            "chart": _radar(assessment, None, rows),
            "rows": rows,
        },
    )


def assessment_compare(request: HttpRequest, slug: str) -> HttpResponse:
    """Two assessments side by side: by default the dialogue (the latest self-assessment and
    the latest accompanier's), or any two chosen, such as one coalition at two dates."""
    coalition = _coalition(request, slug)
    assessments = selectors.assessments_for(coalition=coalition, viewer=request.user)
    by_pk = {str(a.pk): a for a in assessments}
    first, second = selectors.dialogue(assessments)
    if request.GET.get("a") or request.GET.get("b"):
        first, second = by_pk.get(request.GET.get("a", "")), by_pk.get(request.GET.get("b", ""))
        if first is None or second is None:
            raise Http404
    if first is None or second is None:
        return render(
            request,
            "evaluation/assessment_compare.html",
            {"coalition": coalition, "assessments": assessments, "missing": True},
        )
    rows = selectors.compare(first, second)
    return render(
        request,
        "evaluation/assessment_compare.html",
        {
            "coalition": coalition,
            "assessments": assessments,
            "first": first,
            "second": second,
            "rows": rows,
            "chart": _radar(first, second, rows),
            "divergences": [row for row in rows if row.diverges],
            "threshold": selectors.DIVERGENCE,
        },
    )


# Impact reports ------------------------------------------------------------------------------


def coalition_impact(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = _coalition(request, slug)
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
            "indicators": [(i, _indicator_chart(i)) for i in indicators],
            "counts": selectors.status_counts(indicators),
            "first": first,
            "second": second,
            "rows": rows,
            "radar": _radar(first, second, rows) if first else None,
            "today": timezone.localdate(),
        },
    )


def programme_impact(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        programme = coalition_selectors.programme_detail(slug=slug)
    except Programme.DoesNotExist as missing:
        raise Http404 from missing
    indicators = selectors.programme_indicators(programme=programme, viewer=request.user)
    status_counts = coalition_selectors.programme_status_counts(
        programme=programme, viewer=request.user
    )
    counts = selectors.status_counts(indicators)
    by_coalition: dict[int, tuple[Coalition, list[Indicator]]] = {}
    for indicator in indicators:
        by_coalition.setdefault(indicator.coalition_id, (indicator.coalition, []))[1].append(
            indicator
        )
    return render(
        request,
        "evaluation/impact_programme.html",
        {
            "programme": programme,
            "groups": list(by_coalition.values()),
            "counts": counts,
            "total": len(indicators),
            "on_track": sum(n for key, _l, n in counts if key in ("on_track", "reached")),
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
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
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


def coalition_impact_csv(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = _coalition(request, slug)
    indicators = selectors.indicators_for(coalition=coalition, viewer=request.user)
    for indicator in indicators:
        indicator.coalition = coalition
    return _csv(f"impact-{coalition.slug}.csv", indicators)


def programme_impact_csv(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        programme = Programme.objects.get(slug=slug)
    except Programme.DoesNotExist as missing:
        raise Http404 from missing
    indicators = selectors.programme_indicators(
        programme=programme, viewer=request.user, measurements=True
    )
    return _csv(f"impact-{programme.slug}.csv", indicators)

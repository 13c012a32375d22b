"""Indicators and their measurements: create, edit, look at (and record a measurement on the
same page), delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alliage.core.errors import BusinessError
from alliage.core.http import (
    access_or_404,
    form_add_business_error,
    require_perm,
    service_then_redirect,
)

from .. import selectors, services
from ..forms import IndicatorForm, MeasurementForm
from ..models import Indicator
from .common import coalition_or_404, indicator_chart, indicator_or_404


def _indicator_form(
    request: HttpRequest, coalition: Any, indicator: Indicator | None
) -> HttpResponse:
    if denied := require_perm(request, "evaluation.manage_indicators", coalition):
        return denied
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.indicator_save(
                coalition=coalition, by=request.user, data=form.cleaned_data, indicator=indicator
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("The indicator is saved."))
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "evaluation/indicator_form.html",
        {"coalition": coalition, "form": form, "indicator": indicator},
    )


@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _indicator_form(request, coalition_or_404(request, slug), None)


@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    coalition = coalition_or_404(request, slug)
    return _indicator_form(request, coalition, indicator_or_404(request, coalition, pk))


@require_http_methods(["GET", "POST"])
def indicator_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The indicator, its chart and its measurements; the lead and the team record a new
    measurement in the form under them."""
    coalition = coalition_or_404(request, slug)
    indicator = indicator_or_404(request, coalition, pk)
    can_record = request.user.has_perm("evaluation.record_measurement", coalition)
    can_manage = request.user.has_perm("evaluation.manage_indicators", coalition)
    form = MeasurementForm(request.POST or None, unit=indicator.unit) if can_record else None
    if request.method == "POST":
        if denied := require_perm(request, "evaluation.record_measurement", coalition):
            return denied
        if form is not None and form.is_valid():
            try:
                services.measurement_record(
                    indicator=indicator, by=request.user, **form.cleaned_data
                )
            except BusinessError as error:
                form_add_business_error(form, error)
            else:
                messages.success(request, _("The measurement is recorded."))
                return redirect(indicator.get_absolute_url())
    return render(
        request,
        "evaluation/indicator_detail.html",
        {
            "coalition": coalition,
            "indicator": indicator,
            "chart": indicator_chart(indicator),
            "measurements": list(selectors.measurements_of(indicator=indicator)),
            "form": form,
            "can_manage": can_manage,
            "can_record": can_record,
        },
    )


@require_http_methods(["GET", "POST"])
def indicator_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET: the confirmation page, which says how many measurements go with the indicator;
    POST: the deletion."""
    coalition = coalition_or_404(request, slug)
    indicator = indicator_or_404(request, coalition, pk)
    if denied := require_perm(request, "evaluation.manage_indicators", coalition):
        return denied
    if request.method == "GET":
        return render(
            request,
            "evaluation/indicator_delete.html",
            {
                "coalition": coalition,
                "indicator": indicator,
                "measurement_count": selectors.measurements_of(indicator=indicator).count(),
            },
        )
    return service_then_redirect(
        request,
        lambda: services.indicator_delete(indicator=indicator, by=request.user),
        to=coalition.get_absolute_url() + "#s-evaluation",
        success=_("The indicator and its measurements are deleted."),
    )


@require_http_methods(["GET", "POST"])
def measurement_delete(request: HttpRequest, slug: str, pk: int, measurement: int) -> HttpResponse:
    """GET: the confirmation page, which says what the measurement was; POST: the deletion."""
    coalition = coalition_or_404(request, slug)
    indicator = indicator_or_404(request, coalition, pk)
    if denied := require_perm(request, "evaluation.record_measurement", coalition):
        return denied
    row = access_or_404(
        request, selectors.measurement_detail, None, indicator=indicator, pk=measurement
    )
    if request.method == "GET":
        return render(
            request,
            "evaluation/measurement_delete.html",
            {"coalition": coalition, "indicator": indicator, "measurement": row},
        )
    return service_then_redirect(
        request,
        lambda: services.measurement_delete(measurement=row, by=request.user),
        to=indicator.get_absolute_url(),
        success=_("The measurement is deleted."),
    )

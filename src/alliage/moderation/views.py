"""Moderation views: report something (a page, or a form inside the thing's page), and the
team's queue with its decisions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.core.errors import BusinessError
from alliage.core.http import access_or_404, form_add_business_error, require_perm, small_pk

from . import selectors, services
from .forms import DecisionForm, ReportForm
from .targets import reportables


def _target(request: HttpRequest, key: str, pk: int) -> object:
    reportable = reportables().get(key)
    if reportable is None:
        raise Http404
    try:
        obj = reportable.fetch(small_pk(pk))
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if not request.user.has_perm(reportable.see, obj):
        raise Http404
    return obj


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    obj = _target(request, key, pk)
    reportable = reportables()[key]
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                key=key,
                obj=obj,
                by=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("Thank you: the team will look at your report."))
            return redirect(reportable.url(obj))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "moderation/report.html",
        {"form": form, "where": reportable.where(obj), "back": reportable.url(obj)},
        status=status,
    )


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "moderation.open_queue"):
        return denied
    waiting = list(selectors.cases_waiting(user=request.user)[:30])
    return render(
        request,
        "moderation/queue.html",
        {
            "items": selectors.items_of(waiting),
            "decided": selectors.cases_decided(user=request.user),
            "form": DecisionForm(),
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_or_404(request, selectors.case_get, "moderation.decide_case", pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and say why: the author will read it."))
        return redirect("team:moderation:queue")
    try:
        services.case_decide(
            case=case,
            by=request.user,
            hide=form.cleaned_data["decision"] == "hide",
            note=form.cleaned_data["note"],
        )
    except BusinessError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Decided; the author is told."))
    return redirect("team:moderation:queue")

"""The programme team's side of a closed call: the ranking (page and CSV), each decision, and
publishing them."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alliage.core.http import access_or_404, csv_cell, require_perm, service_then_redirect

from .. import selectors, services
from ..forms import DecisionForm
from ..models import Call, Criterion


@require_GET
def ranking(request: HttpRequest, slug: str) -> HttpResponse:
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    sort = request.GET.get("sort", "score")
    rows = selectors.call_ranking(call=call, sort=sort)
    criteria = selectors.call_criteria(call=call)
    if request.GET.get("format") == "csv":
        return _ranking_csv(call, criteria, rows)
    return render(
        request,
        "calls/ranking.html",
        {
            "call": call,
            "rows": rows,
            "sort": sort,
            "criteria": criteria,
            "reviewers": selectors.call_reviewer_count(call=call),
        },
    )


def _ranking_csv(
    call: Call, criteria: list[Criterion], rows: list[selectors.RankingRow]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{call.slug}-classement.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    header = [_("Rank"), _("Title"), _("Organisation"), _("Weighted score (%)"), _("Reviews"),
              _("Disagreement")]  # fmt: skip
    mean, spread = _("mean"), _("spread")
    for c in criteria:
        header += [f"{c.name} — {mean}", f"{c.name} — {spread}"]
    writer.writerow([csv_cell(h) for h in header])
    for rank, row in enumerate(rows, start=1):
        line = [
            rank,
            csv_cell(row.submission.title),
            csv_cell(str(row.submission.organisation or "")),
            "" if row.percent is None else row.percent,
            row.reviews,
            _("yes") if row.flagged else _("no"),
        ]
        for stats in row.criteria:
            line += [
                "" if stats.mean is None else round(stats.mean, 2),
                "" if stats.spread is None else round(stats.spread, 2),
            ]
        writer.writerow(line)
    return response


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    submission = access_or_404(request, selectors.submission_detail, "calls.see_submission", pk=pk)
    if denied := require_perm(request, "calls.decide_submission", submission):
        return denied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect(submission)
    return service_then_redirect(
        request,
        lambda: services.decision_record(
            submission=submission,
            by=request.user,
            decision=form.cleaned_data["decision"],
            message=form.cleaned_data["message"],
        ),
        to=submission,
        success=_("The decision is recorded."),
    )


@require_POST
def publish_decisions(request: HttpRequest, slug: str) -> HttpResponse:
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    return service_then_redirect(
        request,
        lambda: services.call_publish_decisions(call=call, by=request.user),
        to=reverse("calls:ranking", kwargs={"slug": call.slug}),
        success=_("The decisions are published and the submitters told."),
    )

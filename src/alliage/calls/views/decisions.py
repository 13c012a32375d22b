"""The programme team's side of a closed call: the ranking (page and CSV), each decision, and
publishing them."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from alliage.core.errors import BusinessError
from alliage.core.http import (
    access_or_404,
    csv_cell,
    csv_response,
    require_perm,
    service_then_redirect,
    small_pk,
)

from .. import selectors, services
from ..forms import DecisionForm
from ..models import Answer, Call, Criterion, Question, Submission

RANKING_PAGE = 50


@require_GET
def ranking(request: HttpRequest, slug: str) -> HttpResponse:
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    sort = request.GET.get("sort", "score")
    criteria = selectors.call_criteria(call=call)
    if request.GET.get("format") == "csv":
        questions, answers = selectors.call_answers(call=call)
        rows = selectors.call_ranking(call=call, sort=sort)
        return _ranking_csv(call, criteria, rows, questions, answers)
    # The whole ranking is sorted (its order needs every score); a page of it is shown, and
    # only that page's proposals are loaded.
    order = selectors.call_ranking_order(call=call, sort=sort)
    page = Paginator(order, RANKING_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    selectors.ranking_load(call=call, rows=rows)
    questions, answers = selectors.call_answers(
        call=call, submission_ids=[row.submission.pk for row in rows]
    )
    return render(
        request,
        "calls/ranking.html",
        {
            "call": call,
            "rows": rows,
            "page": page,
            "sort": sort,
            "criteria": criteria,
            "reviewers": selectors.call_reviewer_count(call=call),
            "pending": selectors.call_pending_reviewers(call=call),
            # each proposal's answers to the call's own questions, in the questions' order
            "answers": {
                row.submission.pk: [
                    (q, answers.get(row.submission.pk, {}).get(q.pk)) for q in questions
                ]
                for row in rows
            }
            if questions
            else {},
            # decisions are made once the call has closed, until they are published
            "can_decide": call.is_deciding,
        },
    )


def _ranking_csv(
    call: Call,
    criteria: list[Criterion],
    rows: list[selectors.RankingRow],
    questions: list[Question],
    answers: dict[int, dict[int, Answer]],
) -> HttpResponse:
    response = csv_response(f"{call.slug}-classement.csv")
    writer = csv.writer(response)
    header = [_("Rank"), _("Title"), _("Organisation"), _("Weighted score (%)"), _("Reviews"),
              _("Disagreement")]  # fmt: skip
    mean, spread = _("mean"), _("spread")
    for c in criteria:
        header += [f"{c.name} — {mean}", f"{c.name} — {spread}"]
    header += [str(q.label) for q in questions]
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
        given = answers.get(row.submission.pk, {})
        line += [csv_cell(given[q.pk].display) if q.pk in given else "" for q in questions]
        writer.writerow(line)
    return response


def _draft_key(submission: Submission) -> str:
    return f"calls:decision-draft:{submission.pk}"


@require_GET
def decision_form(request: HttpRequest, slug: str) -> HttpResponse:
    """The decision on one proposal of the call (``?proposal=<id>``), with what the reviewers
    said: no outcome chosen in advance, a warning when nobody has reviewed it, and what was
    typed kept after a refusal. A proposal of another call is a 404, whoever asks."""
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    if "proposal" not in request.GET:  # which one? the ranking lists them
        return redirect("calls:ranking", slug=call.slug)
    try:
        pk = small_pk(int(request.GET["proposal"]))
    except ValueError:
        pk = 0
    submission = selectors.call_submission(call=call, pk=pk)
    if submission is None:
        raise Http404
    if denied := require_perm(request, "calls.decide_submission", submission):
        return denied
    reviews = selectors.review_scores(submission=submission)
    draft = request.session.pop(_draft_key(submission), None)
    if draft is not None:  # a refusal a moment ago: what was typed, and why
        form = DecisionForm(draft["data"], unreviewed=not reviews)
        if form.is_valid() and draft.get("error"):
            field = draft.get("field")
            form.add_error(field if field in form.fields else None, draft["error"])
    else:
        form = DecisionForm(
            initial={"decision": submission.decision, "message": submission.decision_message},
            unreviewed=not reviews,
        )
    return render(
        request,
        "calls/decision_form.html",
        {
            "submission": submission,
            "call": submission.call,
            "form": form,
            "reviews": reviews,
            "can_decide": submission.call.is_deciding,
            "kept": draft is not None,  # refused: the form stays, with what was typed
        },
    )


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a decision; refused, back to the decision page with what was typed."""
    submission = access_or_404(request, selectors.submission_detail, "calls.see_submission", pk=pk)
    if denied := require_perm(request, "calls.decide_submission", submission):
        return denied
    form = DecisionForm(
        request.POST, unreviewed=not selectors.submission_reviewed(submission=submission)
    )
    refusal: BusinessError | None = None
    if form.is_valid():
        try:
            services.decision_record(
                submission=submission,
                by=request.user,
                decision=form.cleaned_data["decision"],
                message=form.cleaned_data["message"],
            )
        except BusinessError as error:
            refusal = error
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect(submission)
    request.session[_draft_key(submission)] = {
        "data": {
            "decision": request.POST.get("decision", "")[:20],
            "message": request.POST.get("message", "")[:5000],
            "accept_unreviewed": request.POST.get("accept_unreviewed", "")[:10],
        },
        "error": str(refusal.message) if refusal else "",
        "field": refusal.field if refusal else None,
    }
    messages.error(request, _("The decision is not recorded: see why below."))
    return redirect(
        reverse("calls:decision-form", kwargs={"slug": submission.call.slug})
        + f"?proposal={submission.pk}"
    )


@require_GET
def publish_confirm(request: HttpRequest, slug: str) -> HttpResponse:
    """What publishing will do, to confirm: the outcomes, who hears, what stays undecided."""
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    return render(
        request,
        "calls/decision_publish_confirm.html",
        {"call": call, "summary": selectors.decision_summary(call=call)},
    )


@require_POST
def publish_decisions(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish, once confirmed on the confirmation page; without it, to that page."""
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    if request.POST.get("confirm") != "yes":
        return redirect("calls:publish-confirm", slug=call.slug)
    return service_then_redirect(
        request,
        lambda: services.call_publish_decisions(call=call, by=request.user),
        to=reverse("calls:ranking", kwargs={"slug": call.slug}),
        success=_("The decisions are published and the submitters told."),
    )


def _project_stage(call: Call, posted: str | None) -> Call | None:
    """The project stage chosen (``project=<id>``), or the only one; None when unknown."""
    stages = selectors.call_project_stages(call=call)
    if posted is None:
        return stages[0] if len(stages) == 1 else None
    try:
        pk = small_pk(int(posted))
    except ValueError:
        return None
    return next((stage for stage in stages if stage.pk == pk), None)


@require_GET
def invite_confirm(request: HttpRequest, slug: str) -> HttpResponse:
    """What inviting the retained proposals to a project stage will do, to confirm: who is
    invited, who already was."""
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    stages = selectors.call_project_stages(call=call)
    project = _project_stage(call, request.GET.get("project"))
    invitations = selectors.idea_stage_invitations(call=call, project=project) if project else []
    return render(
        request,
        "calls/invite_confirm.html",
        {
            "call": call,
            "stages": stages,
            "project": project,
            "invitations": invitations,
            "to_invite": sum(1 for i in invitations if i.draft is None),
        },
    )


@require_POST
def invite_retained(request: HttpRequest, slug: str) -> HttpResponse:
    """Invite, once confirmed on the confirmation page; without it, to that page."""
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    project = _project_stage(call, request.POST.get("project"))
    confirm = reverse("calls:invite-confirm", kwargs={"slug": call.slug})
    if request.POST.get("confirm") != "yes" or project is None:
        return redirect(confirm)

    def invite() -> int:
        return services.call_invite_retained(call=call, project=project, by=request.user)

    return service_then_redirect(
        request,
        invite,
        to=f"{confirm}?project={project.pk}",
        success=lambda n: (
            ngettext(
                "%(n)s proposal is invited and its author told.",
                "%(n)s proposals are invited and their authors told.",
                n,
            )
            % {"n": n}
        ),
    )

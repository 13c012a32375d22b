"""Pages of calls: parse, call a selector or a service, render."""

from __future__ import annotations

import csv
import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from alliage.actors.models import OrganisationKind
from alliage.actors.selectors import organisations_for_person
from alliage.actors.services import person_ensure
from alliage.core.errors import BusinessError
from alliage.core.http import csv_cell, paginate, require_perm

from . import selectors, services
from .forms import DecisionForm, ReviewForm, SubmissionForm
from .models import Call, CallStatus, Submission
from .predicates import assignment_of


def call_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.call_list(viewer=request.user), 20)
    return render(request, "calls/call_list.html", {"page": page, "now": timezone.now()})


def _get_call(request: HttpRequest, slug: str) -> Call:
    try:
        call = selectors.call_detail(slug=slug)
    except Call.DoesNotExist as missing:
        raise Http404 from missing
    if not request.user.has_perm("calls.see_call", call):
        raise Http404
    return call


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = _get_call(request, slug)
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "status": call.status,
            "mine": selectors.my_submission(call=call, viewer=request.user),
            "accepted": (
                selectors.accepted_projects(call=call) if call.decided_at is not None else []
            ),
            "can_manage": request.user.has_perm("calls.manage_call", call),
            "kind_labels": dict(OrganisationKind.choices),
        },
    )


def _submission_form(request: HttpRequest, call: Call, submission: Submission | None):
    person = person_ensure(user=request.user)
    return SubmissionForm(
        request.POST or None,
        request.FILES or None,
        instance=submission,
        call=call,
        organisations=organisations_for_person(person=person),
    )


def _save(request: HttpRequest, call: Call, form: SubmissionForm) -> Submission:
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("organisation", "attachment")}
    upload = request.FILES.get("attachment")
    return services.submission_save(
        call=call,
        by=request.user,
        data=data,
        organisation=form.cleaned_data.get("organisation"),
        attachment=upload,
    )


@login_required
def submission_edit(request: HttpRequest, slug: str) -> HttpResponse:
    call = _get_call(request, slug)
    if denied := require_perm(request, "calls.submit_to_call", call):
        return denied
    submission = selectors.my_submission(call=call, viewer=request.user)
    form = _submission_form(request, call, submission)
    if request.method == "POST" and form.is_valid():
        try:
            submission = _save(request, call, form)
            if request.POST.get("action") == "submit":
                services.submission_submit(submission=submission, by=request.user)
                messages.success(
                    request, _("Your submission is sent. A confirmation e-mail is on its way.")
                )
                return redirect(submission)
        except ValidationError as error:
            form.add_error("attachment", error)
        except BusinessError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Your draft is saved."))
            return redirect("calls:submission-edit", slug=call.slug)
    return render(
        request,
        "calls/submission_form.html",
        {"call": call, "form": form, "submission": submission, "status": call.status},
    )


@require_POST
@login_required
def submission_autosave(request: HttpRequest, slug: str) -> HttpResponse:
    """htmx: saves the draft as the person types; answers with a one-line status."""
    call = _get_call(request, slug)
    if not request.user.has_perm("calls.submit_to_call", call):
        raise Http404
    form = _submission_form(request, call, selectors.my_submission(call=call, viewer=request.user))
    message, ok = _("Draft not saved: check the fields."), False
    if form.is_valid():
        try:
            _save(request, call, form)
        except (BusinessError, ValidationError) as error:
            message = getattr(error, "message", None) or _("Draft not saved.")
        else:
            message = _("Draft saved at %(time)s") % {
                "time": timezone.localtime().strftime("%H:%M:%S")
            }
            ok = True
    return render(request, "calls/_autosave.html", {"message": message, "ok": ok})


def _get_submission(request: HttpRequest, pk: int) -> Submission:
    submission = get_object_or_404(
        Submission.objects.select_related("call__programme", "person", "organisation", "coalition"),
        pk=pk,
    )
    if not request.user.has_perm("calls.see_submission", submission):
        raise Http404
    return submission


def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get_submission(request, pk)
    user = request.user
    can_manage = user.has_perm("calls.manage_call", submission)
    context = {
        "submission": submission,
        "call": submission.call,
        "is_mine": submission.person.user_id == user.pk,
        "can_manage": can_manage,
        "assignment": assignment_of(user, submission),
        "can_review": user.has_perm("calls.review_submission", submission),
        "reviews": (
            selectors.review_scores(submission=submission)
            if user.has_perm("calls.view_all_reviews", submission)
            else None
        ),
        "call_open": submission.call.status == CallStatus.OPEN,
    }
    if can_manage:
        context["assignments"] = submission.assignments.select_related("reviewer__person")
        context["pool"] = submission.call.reviewers.select_related("person").exclude(
            pk__in=submission.assignments.values("reviewer_id")
        )
        context["decision_form"] = DecisionForm(
            initial={"decision": submission.decision or None,
                     "message": submission.decision_message}
        )  # fmt: skip
    return render(request, "calls/submission_detail.html", context)


def submission_attachment(request: HttpRequest, pk: int) -> FileResponse:
    submission = _get_submission(request, pk)
    if not submission.attachment:
        raise Http404
    name = submission.attachment.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    inline = content_type in ("image/png", "image/jpeg")
    response = FileResponse(
        submission.attachment.open("rb"),
        as_attachment=not inline,
        filename=name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def submission_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get_submission(request, pk)
    if denied := require_perm(request, "calls.edit_submission", submission):
        return denied
    try:
        services.submission_withdraw(submission=submission, by=request.user)
    except BusinessError as error:
        messages.error(request, error.message)
        return redirect(submission)
    messages.success(request, _("Your submission is withdrawn."))
    return redirect(submission.call)


@login_required
def my_submissions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "calls/my_submissions.html",
        {"submissions": selectors.submissions_of(viewer=request.user)},
    )


@login_required
def reviewer_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "calls/reviewer_queue.html",
        {"assignments": selectors.reviewer_queue(viewer=request.user)},
    )


def review_form(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get_submission(request, pk)
    if denied := require_perm(request, "calls.review_submission", submission):
        return denied
    assignment = assignment_of(request.user, submission)
    if assignment is None:  # superusers pass every rule, but only reviewers have a review
        raise Http404
    criteria = list(submission.call.criteria.all())
    initial = {f"c{s.criterion_id}": s.value for s in assignment.scores.all()}
    initial["comment"] = assignment.comment
    form = ReviewForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            services.review_save(
                assignment=assignment,
                by=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                submit=submit,
            )
        except BusinessError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Your review is submitted: the other reviews are now visible.")
                if submit
                else _("Your review is saved as a draft."),
            )
            return redirect(submission)
    return render(
        request,
        "calls/review_form.html",
        {"submission": submission, "form": form, "assignment": assignment},
    )


@require_POST
def conflict_declare(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get_submission(request, pk)
    if assignment_of(request.user, submission) is None:
        raise Http404
    services.conflict_declare(
        submission=submission, by=request.user, reason=request.POST.get("reason", "")[:300]
    )
    messages.success(request, _("Your conflict of interest is recorded; the review is removed."))
    return redirect("calls:reviewer-queue")


@require_POST
def assign_reviewer(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get_submission(request, pk)
    if denied := require_perm(request, "calls.manage_call", submission):
        return denied
    try:
        reviewer_id = int(request.POST.get("reviewer", ""))
    except ValueError:
        reviewer_id = 0
    reviewer = submission.call.reviewers.filter(
        pk=reviewer_id if 0 < reviewer_id < 2**62 else 0
    ).first()
    if reviewer is None:
        messages.error(request, _("Choose a reviewer from the call's pool."))
        return redirect(submission)
    try:
        services.assignment_create(submission=submission, reviewer=reviewer, by=request.user)
    except BusinessError as error:
        messages.error(request, error.message)
    return redirect(submission)


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get_submission(request, pk)
    if denied := require_perm(request, "calls.decide_submission", submission):
        return denied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect(submission)
    try:
        services.decision_record(
            submission=submission,
            by=request.user,
            decision=form.cleaned_data["decision"],
            message=form.cleaned_data["message"],
        )
    except BusinessError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The decision is recorded."))
    return redirect(submission)


def ranking(request: HttpRequest, slug: str) -> HttpResponse:
    call = _get_call(request, slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    sort = request.GET.get("sort", "score")
    rows = selectors.call_ranking(call=call, sort=sort)
    if request.GET.get("format") == "csv":
        return _ranking_csv(call, rows)
    return render(
        request,
        "calls/ranking.html",
        {
            "call": call,
            "rows": rows,
            "sort": sort,
            "criteria": list(call.criteria.all()),
            "reviewers": call.reviewers.count(),
        },
    )


def _ranking_csv(call: Call, rows: list[selectors.RankingRow]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{call.slug}-classement.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    criteria = list(call.criteria.all())
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
def assign_auto(request: HttpRequest, slug: str) -> HttpResponse:
    call = _get_call(request, slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    created, short = services.assignments_auto(call=call, by=request.user)
    messages.success(request, _("%(n)s assignments made.") % {"n": created})
    if short:
        messages.warning(
            request,
            ngettext(
                "%(n)s submission lacks reviewers without a conflict: add reviewers to the pool.",
                "%(n)s submissions lack reviewers without a conflict: add reviewers to the pool.",
                len(short),
            )
            % {"n": len(short)},
        )
    return redirect("calls:ranking", slug=call.slug)


@require_POST
def publish_decisions(request: HttpRequest, slug: str) -> HttpResponse:
    call = _get_call(request, slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    try:
        services.call_publish_decisions(call=call, by=request.user)
    except BusinessError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The decisions are published and the submitters told."))
    return redirect("calls:ranking", slug=call.slug)

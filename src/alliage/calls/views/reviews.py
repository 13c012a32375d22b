"""Review: the reviewer's queue and form, conflicts of interest, and the team assigning
reviewers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.core.errors import BusinessError
from alliage.core.http import (
    access_or_404,
    form_add_business_error,
    require_perm,
    service_then_redirect,
    small_pk,
)
from alliage.core.pagination import paginate_bounded

from .. import selectors, services
from ..forms import ReviewForm


@require_GET
@login_required
def reviewer_queue(request: HttpRequest) -> HttpResponse:
    page = paginate_bounded(request, selectors.reviewer_queue(viewer=request.user), 50)
    return render(
        request,
        "calls/reviewer_queue.html",
        {"assignments": page.object_list, "page": page, "now": timezone.now()},
    )


@require_http_methods(["GET", "POST"])
def review_form(request: HttpRequest, pk: int) -> HttpResponse:
    submission = access_or_404(request, selectors.submission_detail, "calls.see_submission", pk=pk)
    assignment = selectors.reviewer_assignment(submission=submission, viewer=request.user)
    if request.user.has_perm("calls.read_own_review", submission):
        if assignment is None:  # superusers pass every rule, but only reviewers have a review
            raise Http404
        if request.method == "POST":
            messages.error(request, _("This review has been submitted and can no longer change."))
            return redirect("calls:review-form", pk=submission.pk)
        return render(  # a sent review stays readable by its reviewer
            request,
            "calls/review_detail.html",
            {
                "submission": submission,
                "assignment": assignment,
                "scores": selectors.assignment_score_rows(assignment=assignment),
            },
        )
    if denied := require_perm(request, "calls.review_submission", submission):
        return denied
    if assignment is None:  # superusers pass every rule, but only reviewers have a review
        raise Http404
    initial: dict[str, object] = {
        f"c{criterion_id}": value  # Criterion.field_name
        for criterion_id, value in selectors.assignment_scores(assignment=assignment).items()
    }
    initial["comment"] = assignment.comment
    form = ReviewForm(
        request.POST or None,
        criteria=selectors.call_criteria(call=submission.call),
        initial=initial,
    )
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
        except services.Incomplete as error:
            # Not sent: what was scored and written is kept as a draft, each unscored
            # criterion says so.
            services.review_save(
                assignment=assignment,
                by=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                submit=False,
            )
            form.add_incomplete(error.fields, error.message)
            form.add_error(None, _("Your scores and comment are saved as a draft."))
        except BusinessError as error:
            form_add_business_error(form, error)
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
        {"submission": submission, "call": submission.call, "form": form,
         "assignment": assignment},
    )  # fmt: skip


@require_POST
def conflict_declare(request: HttpRequest, pk: int) -> HttpResponse:
    submission = access_or_404(request, selectors.submission_detail, "calls.see_submission", pk=pk)
    if selectors.reviewer_assignment(submission=submission, viewer=request.user) is None:
        raise Http404
    return service_then_redirect(
        request,
        lambda: services.conflict_declare(
            submission=submission, by=request.user, reason=request.POST.get("reason", "")[:300]
        ),
        to="calls:reviewer-queue",
        success=_("Your conflict of interest is recorded; the review is removed."),
    )


@require_POST
def assign_reviewer(request: HttpRequest, pk: int) -> HttpResponse:
    submission = access_or_404(request, selectors.submission_detail, "calls.see_submission", pk=pk)
    if denied := require_perm(request, "calls.manage_call", submission):
        return denied
    try:
        reviewer_id = small_pk(int(request.POST.get("reviewer", "")))
    except ValueError:
        reviewer_id = 0
    reviewer = selectors.call_pool_reviewer(call=submission.call, pk=reviewer_id)
    if reviewer is None:
        messages.error(request, _("Choose a reviewer from the call's pool."))
        return redirect(submission)
    return service_then_redirect(
        request,
        lambda: services.assignment_create(
            submission=submission, reviewer=reviewer, by=request.user
        ),
        to=submission,
    )


@require_POST
def assign_auto(request: HttpRequest, slug: str) -> HttpResponse:
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    created, short = services.assignments_auto(call=call, by=request.user)
    messages.success(
        request,
        ngettext("%(n)s assignment made.", "%(n)s assignments made.", created) % {"n": created},
    )
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
def reviewer_remind(request: HttpRequest, slug: str) -> HttpResponse:
    """The team reminds a reviewer who has reviews left (audited, once a day at most)."""
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "calls.manage_call", call):
        return denied
    try:
        reviewer_id = small_pk(int(request.POST.get("reviewer", "")))
    except ValueError:
        reviewer_id = 0
    reviewer = selectors.call_assigned_reviewer(call=call, pk=reviewer_id)
    back = request.POST.get("next", "")
    to = back if back in _REMIND_BACK else "calls:ranking"
    if reviewer is None:
        messages.error(request, _("Choose a reviewer of this call."))
        return redirect(to, slug=call.slug)
    return service_then_redirect(
        request,
        lambda: services.reviewer_remind_now(call=call, reviewer=reviewer, by=request.user),
        to=reverse(to, kwargs={"slug": call.slug}),
        success=lambda sent: (
            _("%(reviewer)s is reminded by e-mail.") % {"reviewer": reviewer.person or reviewer}
            if sent
            else _("%(reviewer)s was already reminded today.")
            % {"reviewer": reviewer.person or reviewer}
        ),
    )


# Where "remind now" may send the team back to (a URL name taking the call's slug).
_REMIND_BACK = ("calls:ranking", "calls:call-detail")

"""A submitter's side: writing, sending and withdrawing a submission, and its page."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.core.errors import BusinessError
from alliage.core.hooks import Slot, page_sections
from alliage.core.http import (
    access_or_404,
    file_response,
    form_add_business_error,
    require_perm,
    service_then_redirect,
    small_pk,
)

from .. import selectors, services
from ..forms import DecisionForm, SubmissionForm
from ..models import Call, CallStatus, Submission, SubmissionStatus
from ..services import TEXT_FIELDS


def _submission_form(
    request: HttpRequest, call: Call, submission: Submission | None
) -> SubmissionForm:
    return SubmissionForm(
        request.POST or None,
        request.FILES or None,
        instance=submission,
        call=call,
        organisations=selectors.submission_organisations(viewer=request.user),
        answers=selectors.submission_answers(submission=submission) if submission else None,
    )


def _save(
    request: HttpRequest, call: Call, form: SubmissionForm, *, files: bool = True
) -> Submission:
    """Save what the form holds; ``files=False`` saves the text alone."""
    data = {
        k: v
        for k, v in form.cleaned_data.items()
        if k not in ("organisation", "attachment") and k in (*TEXT_FIELDS, "content_language")
    }
    return services.submission_save(
        call=call,
        by=request.user,
        data=data,
        organisation=form.cleaned_data.get("organisation"),
        attachment=request.FILES.get("attachment") if files else None,
        answers=form.answers(),
        answer_files=form.answer_files() if files else None,
    )


def _save_text_alone(request: HttpRequest, call: Call, form: SubmissionForm) -> Submission | None:
    """The disk refused a file (R5): the text is saved without it, so nothing typed is lost;
    None when the text itself is refused (the form then shows why)."""
    try:
        return _save(request, call, form, files=False)
    except (BusinessError, ValidationError) as error:
        form_add_business_error(form, error)
        return None


@require_http_methods(["GET", "POST"])
@login_required
def submission_edit(request: HttpRequest, slug: str) -> HttpResponse:
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "calls.submit_to_call", call):
        return denied
    submission = selectors.my_submission(call=call, viewer=request.user)
    form = _submission_form(request, call, submission)
    if request.method == "POST" and form.is_valid():
        saved = False
        try:
            submission = _save(request, call, form)
            saved = True
            if request.POST.get("action") == "submit":
                services.submission_submit(submission=submission, by=request.user)
                messages.success(
                    request, _("Your submission is sent. A confirmation e-mail is on its way.")
                )
                return redirect(submission)
        except services.FileNotStored as error:
            submission = _save_text_alone(request, call, form) or submission
            form_add_business_error(form, error)
        except ValidationError as error:  # the attachment's checks
            form_add_business_error(
                form, error, default="attachment" if "attachment" in form.fields else None
            )
        except services.Incomplete as error:
            # Sending needs more: each empty part says so; what was typed is kept on the
            # page and, when the draft could be saved, in the draft too.
            form.add_incomplete(error.fields, error.message)
            if saved:
                form.add_error(None, _("Your draft is saved: nothing you typed is lost."))
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("Your draft is saved."))
            return redirect("calls:submission-edit", slug=call.slug)
    return render(
        request,
        "calls/submission_form.html",
        {
            "call": call,
            "form": form,
            "submission": submission,
            "status": call.status,
            "CallStatus": CallStatus,
            "SubmissionStatus": SubmissionStatus,
        },
    )


@require_POST
@login_required
def submission_autosave(request: HttpRequest, slug: str) -> HttpResponse:
    """htmx: saves the draft as the person types; answers with a one-line status."""
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    if not request.user.has_perm("calls.submit_to_call", call):
        raise Http404
    form = _submission_form(request, call, selectors.my_submission(call=call, viewer=request.user))
    message, ok = _("Draft not saved: check the fields."), False
    if form.is_valid():
        try:
            _save(request, call, form)
        except services.FileNotStored as error:
            message = error.message if _save_text_alone(request, call, form) else message
        except (BusinessError, ValidationError) as error:
            message = getattr(error, "message", None) or _("Draft not saved.")
        else:
            message = _("Draft saved at %(time)s") % {
                "time": timezone.localtime().strftime("%H:%M:%S")
            }
            ok = True
    return render(request, "core/_autosave_status.html", {"message": message, "ok": ok})


@require_GET
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = access_or_404(request, selectors.submission_detail, "calls.see_submission", pk=pk)
    user = request.user
    can_manage = user.has_perm("calls.manage_call", submission)
    context = {
        "submission": submission,
        "call": submission.call,
        "SubmissionStatus": SubmissionStatus,
        "is_mine": submission.person.user_id == user.pk,
        "can_manage": can_manage,
        "assignment": selectors.reviewer_assignment(submission=submission, viewer=user),
        "can_review": user.has_perm("calls.review_submission", submission),
        "can_read_review": user.has_perm("calls.read_own_review", submission),
        "reviews": (
            selectors.review_scores(submission=submission)
            if user.has_perm("calls.view_all_reviews", submission)
            else None
        ),
        "call_open": submission.call.status == CallStatus.OPEN,
        "can_decide": submission.call.is_deciding,
        "answers": selectors.answers_shown(submission=submission),
        "discussion_sections": page_sections(request, submission, Slot.DISCUSSION),
    }
    if can_manage:
        context["assignments"] = selectors.submission_assignments(submission=submission)
        context["pool"] = selectors.submission_reviewer_pool(submission=submission)
        context["decision_form"] = DecisionForm(
            initial={"decision": submission.decision or None,
                     "message": submission.decision_message},
            unreviewed=not selectors.submission_reviewed(submission=submission),
        )  # fmt: skip
    return render(request, "calls/submission_detail.html", context)


@require_GET
def submission_attachment(request: HttpRequest, pk: int) -> FileResponse:
    submission = access_or_404(request, selectors.submission_detail, "calls.see_submission", pk=pk)
    question = request.GET.get("question", "")
    if question:  # a file question's answer, under the same permission as the attachment
        answer = selectors.answer_file(
            submission=submission, question_id=small_pk(int(question)) if question.isdigit() else 0
        )
        if answer is None:
            raise Http404
        return _download(answer.file, answer.display)
    if not submission.attachment:
        raise Http404
    return _download(submission.attachment, submission.attachment_filename)


def _download(field: FieldFile, given_name: str) -> FileResponse:
    """Served under the name it was sent with; its type read from the stored name, whose
    extension is the format its content was checked to be."""
    return file_response(
        field, filename=given_name, content_type=mimetypes.guess_type(field.name)[0]
    )


@require_POST
def submission_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    submission = access_or_404(request, selectors.submission_detail, "calls.see_submission", pk=pk)
    if denied := require_perm(request, "calls.edit_submission", submission):
        return denied
    return service_then_redirect(
        request,
        lambda: services.submission_withdraw(submission=submission, by=request.user),
        # Withdrawn, back to the call; refused (None), back to the submission.
        to=lambda withdrawn: submission.call if withdrawn else submission,
        success=_("Your submission is withdrawn."),
    )


@require_GET
@login_required
def my_submissions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "calls/my_submissions.html",
        {"submissions": selectors.submissions_of(viewer=request.user)},
    )

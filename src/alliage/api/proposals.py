"""A call's sent proposals in the API, for the call's programme team: the proposals, their
answers to the call's own questions (a file by its name only, never a link to the storage),
never a draft. Anyone else (anonymous, another programme's team, a reviewer, the author)
gets 404, as if the call had none: reviewers read the proposals they review on the site,
where the review rules apply, and the API gives them nothing more."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Schema

from alliage.calls import selectors as call_selectors
from alliage.calls.models import Call, Question, QuestionKind, Submission

from .common import Page, Paging, domain_router, last_modified, paginate
from .problems import READ_ERRORS

router = domain_router("calls")

MAX_ID = 2**31 - 1  # ids are 32-bit in every database Alliage runs on


# Schemas -----------------------------------------------------------------------------------


class AnswerOut(Schema):
    position: int = Field(description="The question's place in the call's questions, from 1.")
    kind: str = Field(description="short, long, choice, choices, number, date or file.")
    label_fr: str
    label_en: str
    value: float | str | list[str] | None = Field(
        description=(
            "Text, a number, an ISO date or the list of choices; null when unanswered and "
            "for a file, which is given by its name only."
        )
    )
    file_name: str | None = Field(description="For a file question: the file's name as sent.")
    text: str = Field(description="The answer as the site shows it; empty when unanswered.")


class ProposalItem(Schema):
    id: int
    call: str = Field(description="The call's slug.")
    title: str
    status: str = Field(description="submitted, or withdrawn once sent.")
    submitted_at: dt.datetime | None
    author: str = Field(description="The person who sent it.")
    organisation: str | None = Field(description="The organisation's slug, if any.")
    decision: str = Field(description="accepted, declined, waitlisted…; empty until decided.")


class ProposalOut(ProposalItem):
    summary: str
    diagnostic: str
    impact: str
    partners_sought: str
    attachment_name: str | None = Field(description="The attachment's name, if one was sent.")
    answers: list[AnswerOut] = Field(description="One per question of the call, in order.")


# Serialisers -------------------------------------------------------------------------------


def proposal_item_out(s: Submission) -> dict[str, Any]:
    return {
        "id": s.pk,
        "call": s.call.slug,
        "title": s.title,
        "status": s.status,
        "submitted_at": s.submitted_at,
        "author": str(s.person),
        "organisation": s.organisation.slug if s.organisation else None,
        "decision": s.decision,
    }


def answer_out(position: int, question: Question, submission: Submission) -> dict[str, Any]:
    answer = next((a for a in submission.answers.all() if a.question_id == question.pk), None)
    is_file = question.kind == QuestionKind.FILE
    given = answer is not None and not answer.is_empty
    return {
        "position": position,
        "kind": question.kind,
        "label_fr": question.label_fr,
        "label_en": question.label_en,
        "value": None if is_file or not given else answer.value,
        "file_name": (answer.display or None) if is_file and given else None,
        "text": answer.display if given else "",
    }


def proposal_out(s: Submission, questions: list[Question]) -> dict[str, Any]:
    return {
        **proposal_item_out(s),
        "summary": s.summary,
        "diagnostic": s.diagnostic,
        "impact": s.impact,
        "partners_sought": s.partners_sought,
        "attachment_name": (s.attachment_name or s.attachment.name.rsplit("/", 1)[-1])
        if s.attachment
        else None,
        "answers": [answer_out(i, q, s) for i, q in enumerate(questions, start=1)],
    }


def _call_run_by_caller(request: HttpRequest, slug: str) -> Call:
    """The call, when the caller may see it and runs it (its programme's team); else 404, the
    same answer as for a call that does not exist."""
    call = get_object_or_404(call_selectors.call_list(viewer=request.user), slug=slug)
    if not request.user.has_perm("calls.manage_call", call):
        raise Http404
    return call


# Endpoints ---------------------------------------------------------------------------------


@router.get(
    "/calls/{slug}/proposals",
    response={200: Page[ProposalItem], **READ_ERRORS},
    operation_id="alliage_api_proposals_list",
)
def proposal_list(request: HttpRequest, response: HttpResponse, slug: str, paging: Query[Paging]):
    """The call's sent proposals, first sent first, for its programme team (a token of one of
    its members); drafts never show. Anyone else gets 404."""
    call = _call_run_by_caller(request, slug)
    page = paginate(request, call_selectors.call_sent_proposals(call=call), paging, response)
    page["results"] = [proposal_item_out(s) for s in page["results"]]
    return page


@router.get(
    "/calls/{slug}/proposals/{proposal_id}",
    response={200: ProposalOut, **READ_ERRORS},
    operation_id="alliage_api_proposals_get",
)
def proposal_get(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    proposal_id: int = Path(..., ge=1, le=MAX_ID),
):
    """One sent proposal of the call with its answers to the call's questions, for the call's
    programme team. A draft, another call's proposal or someone else's call is a 404."""
    call = _call_run_by_caller(request, slug)
    proposal = get_object_or_404(call_selectors.call_sent_proposals(call=call), pk=proposal_id)
    if not request.user.has_perm("calls.see_submission", proposal):
        raise Http404
    last_modified(response, proposal.updated_at)
    return proposal_out(proposal, list(call.questions.all()))

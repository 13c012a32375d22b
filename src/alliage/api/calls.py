"""Calls in the API, read through the calls app's selectors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from alliage.calls import selectors as call_selectors
from alliage.calls.models import Call

from .common import Page, Paging, domain_router, last_modified, paginate
from .problems import READ_ERRORS

router = domain_router("calls")


# Schemas -----------------------------------------------------------------------------------


class CriterionOut(Schema):
    name: str
    weight: float
    scale: int


class QuestionOut(Schema):
    kind: str = Field(description="short, long, choice, choices, number, date or file.")
    label_fr: str
    label_en: str = Field(description="Empty when the question has no English label.")
    help_fr: str
    help_en: str
    required: bool
    choices: list[str] = Field(description="For the choice kinds; empty otherwise.")


class AcceptedProject(Schema):
    title: str
    organisation: str | None
    coalition: str | None = Field(description="The slug of the coalition it became.")


class CallItem(Schema):
    slug: str
    title: str
    language: str = Field(description="The language its texts are written in (fr or en).")
    kind: str
    programme: str
    status: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    decided_at: dt.datetime | None
    url: str


class CallOut(CallItem):
    description: str
    eligibility: str
    review_due_at: dt.datetime | None
    decisions_expected_at: dt.datetime | None
    criteria: list[CriterionOut]
    questions: list[QuestionOut] = Field(
        description="The call's own questions, which every proposal answers, in order."
    )
    accepted_projects: list[AcceptedProject]


# Serialisers -------------------------------------------------------------------------------


def call_item_out(request: HttpRequest, c: Call) -> dict[str, Any]:
    return {
        "slug": c.slug,
        "title": c.title,
        "language": c.content_language,
        "kind": c.kind,
        "programme": c.programme.slug,
        "status": str(c.status),
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
        "decided_at": c.decided_at,
        "url": request.build_absolute_uri(c.get_absolute_url()),
    }


def call_out(request: HttpRequest, call: Call) -> dict[str, Any]:
    """The call, its rubric and, once decided, its accepted projects."""
    accepted = call_selectors.accepted_projects(call=call) if call.decided_at else []
    return {
        **call_item_out(request, call),
        "description": call.description,
        "eligibility": call.eligibility,
        "review_due_at": call.review_due_at,
        "decisions_expected_at": call.decisions_expected_at,
        "questions": [
            {
                name: getattr(q, name)
                for name in (
                    "kind",
                    "label_fr",
                    "label_en",
                    "help_fr",
                    "help_en",
                    "required",
                    "choices",
                )
            }
            for q in call.questions.all()
        ],
        "criteria": [
            {"name": c.name, "weight": float(c.weight), "scale": c.scale}
            for c in call.criteria.all()
        ],
        "accepted_projects": [
            {
                "title": s.title,
                "organisation": s.organisation.name if s.organisation else None,
                "coalition": s.coalition.slug if s.coalition else None,
            }
            for s in accepted
        ],
    }


# Endpoints ---------------------------------------------------------------------------------


@router.get(
    "/calls",
    response={200: Page[CallItem], **READ_ERRORS},
    operation_id="alliage_api_routers_call_list",
)
def call_list(request: HttpRequest, response: HttpResponse, paging: Query[Paging]):
    """Open calls first, then upcoming, closed and decided ones."""
    page = paginate(request, call_selectors.call_list(viewer=request.user), paging, response)
    page["results"] = [call_item_out(request, c) for c in page["results"]]
    return page


@router.get(
    "/calls/{slug}",
    response={200: CallOut, **READ_ERRORS},
    operation_id="alliage_api_routers_call_get",
)
def call_get(request: HttpRequest, response: HttpResponse, slug: str):
    """A call, its rubric and, once decided, its accepted projects."""
    # The list's own filter decides what the caller sees, so a call shows here exactly when
    # it shows in the list.
    call = get_object_or_404(
        call_selectors.call_list(viewer=request.user).prefetch_related("criteria", "questions"),
        slug=slug,
    )
    last_modified(response, call.updated_at)
    return call_out(request, call)

"""Coalitions in the API: read through the coalitions app's selectors, the canvas changed
through its service (so the same rules, audit and history apply)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Schema
from ninja.errors import HttpError

from alliage.coalitions import selectors as coalition_selectors
from alliage.coalitions import services as coalition_services
from alliage.coalitions.models import (
    CANVAS_LONG_TEXT_MAX,
    CANVAS_SHORT_TEXT_MAX,
    Coalition,
    CoalitionStatus,
)
from alliage.coalitions.services import StaleEdit

from .common import WRITE, Page, Paging, domain_router, last_modified, paginate
from .problems import PRECONDITION_ERRORS, READ_ERRORS, WRITE_ERRORS

router = domain_router("coalitions")


# Schemas -----------------------------------------------------------------------------------


ONE_LINE = r"^[^\r\n]*$"
# The ETag of a coalition names the canvas's revision it shows (and a digest of the rest), so
# that If-Match on a change says which revision the client read.
ETAG = re.compile(r'^(?:W/)?"r(\d{1,9})-[0-9a-f]+"$')


class CoalitionFilters(Paging):
    programme: str = ""
    status: CoalitionStatus | None = None
    q: str = ""


class CoalitionItem(Schema):
    slug: str
    title: str
    language: str = Field(description="The language its texts are written in (fr or en).")
    summary: str
    status: str
    programme: str
    published: bool
    updated_at: dt.datetime
    url: str


class Swot(Schema):
    strengths: str
    weaknesses: str
    opportunities: str
    threats: str


class MilestoneOut(Schema):
    title: str
    due_date: dt.date | None
    status: str


class MemberOut(Schema):
    name: str | None = Field(description="Null when the person keeps their profile private.")
    organisation: str | None
    organisation_kind: str | None
    role: str


class HeterogeneityOut(Schema):
    index: float
    actors: int
    kinds: dict[str, int]


class CoalitionOut(CoalitionItem):
    diagnostic: str
    swot: Swot
    impact_statement: str
    target_date: dt.date | None
    levers: str
    seeking: str
    evaluation: str
    members_notes: str | None = Field(description="Only for the coalition and its team.")
    milestones: list[MilestoneOut]
    members: list[MemberOut]
    heterogeneity: HeterogeneityOut
    revision: int = Field(
        description="The canvas's revision: send it back as base_revision (or the ETag of "
        "this answer as If-Match) when you change the canvas."
    )


class CanvasIn(Schema):
    """Only the fields sent are changed; every change is kept in the coalition's history."""

    # Optional, but never null: a coalition always has a title.
    title: str = Field(
        None, min_length=1, max_length=200, pattern=ONE_LINE, description="One line; never null."
    )
    summary: str | None = Field(None, max_length=400)
    diagnostic: str | None = Field(None, max_length=CANVAS_LONG_TEXT_MAX)
    swot_strengths: str | None = Field(None, max_length=CANVAS_SHORT_TEXT_MAX)
    swot_weaknesses: str | None = Field(None, max_length=CANVAS_SHORT_TEXT_MAX)
    swot_opportunities: str | None = Field(None, max_length=CANVAS_SHORT_TEXT_MAX)
    swot_threats: str | None = Field(None, max_length=CANVAS_SHORT_TEXT_MAX)
    impact_statement: str | None = Field(None, max_length=CANVAS_SHORT_TEXT_MAX)
    target_date: dt.date | None = None
    levers: str | None = Field(None, max_length=CANVAS_LONG_TEXT_MAX)
    seeking: str | None = Field(None, max_length=CANVAS_SHORT_TEXT_MAX)
    evaluation: str | None = Field(None, max_length=CANVAS_LONG_TEXT_MAX)
    members_notes: str | None = Field(None, max_length=CANVAS_LONG_TEXT_MAX)
    base_revision: int | None = Field(
        None,
        ge=0,
        description="The revision you read. Required unless you send If-Match; refused with "
        "409 if the canvas moved since.",
    )


# Serialisers -------------------------------------------------------------------------------


def coalition_item_out(request: HttpRequest, c: Coalition) -> dict[str, Any]:
    return {
        "slug": c.slug,
        "title": c.title,
        "language": c.content_language,
        "summary": c.summary,
        "status": c.status,
        "programme": c.programme.slug,
        "published": c.is_published,
        "updated_at": c.updated_at,
        "url": request.build_absolute_uri(c.get_absolute_url()),
    }


def coalition_out(request: HttpRequest, c: Coalition) -> dict[str, Any]:
    """The whole canvas; the members' notes and unlisted members' names only for those who
    may see the members' section."""
    h = coalition_selectors.coalition_heterogeneity(c)
    private = request.user.has_perm("coalitions.view_members_section", c)
    return {
        **coalition_item_out(request, c),
        "diagnostic": c.diagnostic,
        "swot": {
            "strengths": c.swot_strengths,
            "weaknesses": c.swot_weaknesses,
            "opportunities": c.swot_opportunities,
            "threats": c.swot_threats,
        },
        "impact_statement": c.impact_statement,
        "target_date": c.target_date,
        "levers": c.levers,
        "seeking": c.seeking,
        "evaluation": c.evaluation,
        "members_notes": c.members_notes if private else None,
        "milestones": [
            {"title": m.title, "due_date": m.due_date, "status": m.status}
            for m in c.milestones.all()
        ],
        "members": [
            {
                "name": str(m.person) if m.person.is_listed or private else None,
                "organisation": m.organisation.name if m.organisation else None,
                "organisation_kind": m.organisation.kind if m.organisation else None,
                "role": m.role,
            }
            for m in c.members.all()
        ],
        "heterogeneity": {
            "index": round(h.index, 4),
            "actors": h.actors,
            "kinds": {share.kind: share.count for share in h.breakdown},
        },
        "revision": coalition_selectors.coalition_revision(coalition=c),
    }


def coalition_etag(body: dict[str, Any]) -> str:
    digest = hashlib.sha256(
        json.dumps(body, cls=DjangoJSONEncoder, sort_keys=True).encode()
    ).hexdigest()[:32]
    return f'"r{body["revision"]}-{digest}"'


def _if_match_revision(if_match: str) -> int:
    """The revision the client read, from the ETags of If-Match (428 if none names one)."""
    for tag in (part.strip() for part in if_match.split(",")):
        if found := ETAG.match(tag):
            return int(found.group(1))
    raise HttpError(
        428,
        _(
            "If-Match must carry the ETag of the coalition as you read it (GET "
            "/coalitions/{slug}): a wildcard does not say which revision you changed."
        ),
    )


# Endpoints ---------------------------------------------------------------------------------


@router.get(
    "/coalitions",
    response={200: Page[CoalitionItem], **READ_ERRORS},
    operation_id="alliage_api_routers_coalition_list",
)
def coalition_list(request: HttpRequest, response: HttpResponse, filters: Query[CoalitionFilters]):
    """The coalitions you can see (published ones, and yours), newest change first; filter by
    programme slug, status and words."""
    qs = coalition_selectors.coalition_list(
        viewer=request.user,
        programme=filters.programme[:100],
        status=filters.status or "",
        q=filters.q[:200],
    )
    page = paginate(request, qs, filters, response, deep=True)
    page["results"] = [coalition_item_out(request, c) for c in page["results"]]
    return page


@router.get(
    "/coalitions/{slug}",
    response={200: CoalitionOut, **READ_ERRORS},
    operation_id="alliage_api_routers_coalition_get",
)
def coalition_get(request: HttpRequest, response: HttpResponse, slug: str):
    """A coalition's whole canvas, its path and members, and its heterogeneity."""
    coalition = coalition_selectors.coalition_visible_to(slug=slug, viewer=request.user)
    last_modified(response, coalition.updated_at)
    body = coalition_out(request, coalition)
    response["ETag"] = coalition_etag(body)
    return body


@router.patch(
    "/coalitions/{slug}/canvas",
    response={200: CoalitionOut, **WRITE_ERRORS, **PRECONDITION_ERRORS},
    operation_id="alliage_api_routers_coalition_canvas_update",
    **WRITE,
)
def coalition_canvas_update(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    canvas: CanvasIn,
    if_match: str | None = Header(
        None,
        alias="If-Match",
        description="The ETag of the coalition as you read it; or send base_revision.",
    ),
):
    """Change canvas fields (leads and the programme team). Say which revision you changed,
    with If-Match (the ETag of GET /coalitions/{slug}) or base_revision: without either the
    change is refused with 428; if someone saved in between, it is refused (412 for If-Match,
    409 for base_revision) instead of overwriting their work."""
    coalition = coalition_selectors.coalition_visible_to(slug=slug, viewer=request.user)
    if not request.user.has_perm("coalitions.edit_coalition", coalition):
        raise PermissionDenied  # before asking for a revision the caller could not use
    data = canvas.dict(exclude_unset=True)
    base = data.pop("base_revision", None)
    matched = _if_match_revision(if_match) if if_match else None
    if matched is None and base is None:
        raise HttpError(
            428,
            _(
                "Say which revision of the canvas you changed: send the ETag of GET "
                "/coalitions/{slug} as If-Match, or its revision as base_revision."
            ),
        )
    # null clears a text (to "") or the target date (to no date)
    data = {k: ("" if v is None and k != "target_date" else v) for k, v in data.items()}
    if matched is not None and base is not None and matched != base:
        raise HttpError(412, _("If-Match and base_revision name two different revisions."))
    try:
        coalition_services.coalition_update_canvas(
            coalition=coalition,
            by=request.user,
            data=data,
            base_revision=matched if matched is not None else base,
        )
    except StaleEdit as error:
        raise HttpError(
            412 if matched is not None else 409,
            _(
                "The canvas changed since the revision you read: read it again "
                "(GET /coalitions/{slug}), apply your change to it, and send it again."
            ),
        ) from error
    fresh = coalition_selectors.coalition_visible_to(slug=slug, viewer=request.user)
    body = coalition_out(request, fresh)
    response["ETag"] = coalition_etag(body)
    return body

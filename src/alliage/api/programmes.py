"""Programmes in the API, read through the coalitions app's selectors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Schema

from alliage.coalitions import selectors as coalition_selectors
from alliage.coalitions.models import Programme

from .common import Page, Paging, domain_router, last_modified, paginate
from .problems import READ_ERRORS

router = domain_router("programmes")


class ProgrammeOut(Schema):
    slug: str
    name: str
    kind: str
    tagline: str
    description: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    url: str


def programme_out(request: HttpRequest, p: Programme) -> dict[str, Any]:
    return {
        "slug": p.slug,
        "name": p.name,
        "kind": p.kind,
        "tagline": p.tagline,
        "description": p.description,
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "url": request.build_absolute_uri(p.get_absolute_url()),
    }


@router.get(
    "/programmes",
    response={200: Page[ProgrammeOut], **READ_ERRORS},
    operation_id="alliage_api_routers_programme_list",
)
def programme_list(request: HttpRequest, response: HttpResponse, paging: Query[Paging]):
    """The programmes, in the order the site shows them."""
    page = paginate(request, coalition_selectors.programme_list(), paging, response)
    page["results"] = [programme_out(request, p) for p in page["results"]]
    return page


@router.get(
    "/programmes/{slug}",
    response={200: ProgrammeOut, **READ_ERRORS},
    operation_id="alliage_api_routers_programme_get",
)
def programme_get(request: HttpRequest, response: HttpResponse, slug: str):
    """One programme."""
    programme = coalition_selectors.programme_detail(slug=slug)
    last_modified(response, programme.updated_at)
    return programme_out(request, programme)

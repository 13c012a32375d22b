"""What the commons' pages share: the publication a page is about (if the viewer may see it)
and JSON-LD documents."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse

from alliage.core.http import access_or_404

from .. import selectors
from ..models import Publication


def publication_or_404(request: HttpRequest, slug: str) -> Publication:
    """The publication, if the viewer may see it: a draft does not exist for outsiders."""
    return access_or_404(
        request, selectors.publication_detail, "commons.see_publication", slug=slug
    )


def json_ld(document: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response

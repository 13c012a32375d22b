"""What the commons' pages share: finding a visible publication, serving a stored file safely,
showing a service's refusal on the form."""

from __future__ import annotations

import json
import mimetypes
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from alliage.core.errors import BusinessError

from .. import selectors
from ..models import Publication
from ..uploads import MEDIA_TYPES

INLINE_TYPES = frozenset({"image/png", "image/jpeg"})


def small(pk: int) -> int:
    """A primary key the database can hold; anything larger matches nothing."""
    return pk if 0 < pk < 2**62 else 0


def get_visible(request: HttpRequest, slug: str) -> Publication:
    try:
        publication = selectors.publication_detail(slug=slug)
    except Publication.DoesNotExist as missing:
        raise Http404 from missing
    if not request.user.has_perm("commons.see_publication", publication):
        raise Http404  # a draft does not exist for outsiders
    return publication


def add_error(form: Any, error: BusinessError | ValidationError, default: str | None) -> None:
    if isinstance(error, BusinessError):
        form.add_error(error.field if error.field in form.fields else default, error.message)
    elif hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else default, errors)
    else:
        form.add_error(default, error)


def serve(field: FieldFile, filename: str, file_format: str) -> FileResponse:
    content_type = (
        MEDIA_TYPES.get(file_format)
        or mimetypes.guess_type(filename)[0]
        or "application/octet-stream"
    )
    try:
        handle = field.open("rb")
    except OSError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=content_type not in INLINE_TYPES,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def json_ld(document: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response

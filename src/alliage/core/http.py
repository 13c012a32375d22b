"""What views share, so that each reads: parse, access, one service call, render.

- ``access_or_404``: fetch through a selector and check the view permission; what the viewer
  may not see does not exist for them (Zulip's ``access_*``), unless it is ``Reserved`` to an
  audience they could join (a members-only event): then a 403 page says how.
- ``require_perm``: the gate for an action on an object the viewer can see.
- ``service_then_redirect``: run a service, show its refusal or its success as a message.
- ``form_add_business_error``: a service's refusal onto the form's field.
- ``render_list``: a filtered list, whole or just its results for htmx.
- ``small_pk``, ``file_response`` and ``stream_response``, ``paginate``, ``csv_cell``.
- ``never_stored`` (a view, a response) and ``csv_response``: what shows names, e-mails or a
  secret is kept by no cache, shared or the browser's.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable
from functools import wraps
from typing import IO, Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.files import File
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.encoding import escape_uri_path
from django_htmx.middleware import HtmxDetails

from .errors import BusinessError
from .storage import StorageUnavailable

logger = logging.getLogger(__name__)

T = TypeVar("T")

INLINE_TYPES = frozenset({"image/png", "image/jpeg"})
MAX_PK = 2**62


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (for type checkers)."""

    htmx: HtmxDetails


def canonical_url(request: HttpRequest, query: dict[str, Any] | None = None) -> str:
    """The page's address written out in full, as a printed page shows it: the site's
    ``ALLIAGE_BASE_URL`` (not the request's Host header, which the visitor chooses and the
    anonymous page cache would keep for everyone), the path with its language prefix, and only
    the query parameters given (never the visitor's own, such as tracking tags)."""
    address = settings.ALLIAGE_BASE_URL.rstrip("/") + escape_uri_path(request.path)
    return f"{address}?{urlencode(query)}" if query else address


def small_pk(pk: int) -> int:
    """A primary key the database can hold; anything larger (or not positive) matches
    nothing, instead of overflowing the database's integer."""
    return pk if 0 < pk < MAX_PK else 0


def pk_from(value: Any) -> int:
    """An id sent in a form or a query string, as ``small_pk`` bounds it; 0 (which matches
    nothing) for anything that is not a number."""
    try:
        return small_pk(int(value))
    except (TypeError, ValueError):
        return 0


class Reserved(PermissionDenied):
    """The thing exists and its existence is public, but it is reserved to an audience the
    viewer is not in and could join (adhérents of a programme): answered 403 with
    ``template`` rendered with ``context`` (see ``alliage.core.views.permission_denied``)
    instead of a 404. Raised by a selector, or returned by ``access_or_404``'s ``reserved``."""

    def __init__(self, template: str, context: dict[str, Any] | None = None) -> None:
        super().__init__(template)
        self.template = template
        self.context = context or {}


def access_or_404(
    request: HttpRequest,
    selector: Callable[..., T],
    perm: str,
    *,
    reserved: Callable[[Any, T], Reserved | None] | None = None,
    **lookup: Any,
) -> T:
    """``selector(**lookup)`` if the viewer has ``perm`` on it; otherwise 404, as if it did not
    exist (a draft, a private event, someone else's proposal). The selector raises its model's
    ``DoesNotExist`` for a missing row; integer lookups are bounded with ``small_pk``.

    ``reserved(user, obj)``, asked only when the permission is refused, may answer a
    ``Reserved`` (raised: a 403 page saying who it is for and how to join) when the only
    reason is an audience the viewer could join; ``None`` keeps the 404 (drafts, private
    things: their existence is not told)."""
    lookup = {k: small_pk(v) if isinstance(v, int) else v for k, v in lookup.items()}
    try:
        obj = selector(**lookup)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if perm is not None and not request.user.has_perm(perm, obj):
        if reserved is not None and (why := reserved(request.user, obj)) is not None:
            raise why
        raise Http404
    return obj


def require_perm(request: HttpRequest, perm: str, obj: Any = None) -> HttpResponse | None:
    """None when allowed; a log-in redirect for anonymous visitors; PermissionDenied otherwise."""
    if request.user.has_perm(perm, obj):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def service_then_redirect(
    request: HttpRequest,
    call: Callable[[], T],
    *,
    to: Any,
    success: str | Callable[[T], str] | None = None,
) -> HttpResponse:
    """Run ``call`` (a service); its refusal becomes an error message, its success the
    ``success`` message (text, or a function of the result); then redirect to ``to`` (what
    ``redirect`` takes, or a function of the result)."""
    try:
        result = call()
    except BusinessError as error:
        messages.error(request, error.message)
        return redirect(to(None) if callable(to) else to)
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(to(result) if callable(to) else to)


def form_add_business_error(
    form: Any, error: BusinessError | ValidationError, default: str | None = None
) -> None:
    """A service's refusal on the field it names (``default``, else the whole form, when the
    form has no such field), so the reader sees it beside what they typed."""
    if isinstance(error, BusinessError):
        form.add_error(error.field if error.field in form.fields else default, error.message)
    elif hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else default, errors)
    else:
        form.add_error(default, error)


def render_list(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A filtered list page; an htmx request (not a boosted link) gets only its ``results``
    partial, which the page swaps in place."""
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted:
        template += "#results"
    return render(request, template, context)


def never_stored(view_or_response: Any) -> Any:
    """``Cache-Control: private, no-store`` on a response, or on every response of a view:
    for pages and files that show people's names and e-mails, or a secret shown once."""
    if isinstance(view_or_response, HttpResponseBase):
        patch_cache_control(view_or_response, private=True, no_store=True)
        return view_or_response
    view = view_or_response

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return never_stored(view(request, *args, **kwargs))

    return wrapper


def csv_response(filename: str, *, bom: bool = True) -> HttpResponse:
    """An empty CSV download to write rows into, never stored by a cache; the byte order mark
    makes spreadsheet software read the accents right."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    if bom:
        response.write("\ufeff")
    return never_stored(response)


def file_response(
    field: FieldFile,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    public: bool = False,
) -> FileResponse | HttpResponse:
    """A stored file, served safely: images inline, anything else downloaded, the type never
    sniffed by the browser; a missing file is a 404, a store that does not answer a 503.
    Unless it is ``public`` (open data), no cache keeps it: an attachment may hold names and
    e-mails."""
    filename = filename or field.name.rsplit("/", 1)[-1]
    try:
        handle = field.open("rb")
    except StorageUnavailable as down:
        return storage_unavailable(down)
    except OSError as missing:
        raise Http404 from missing
    return stream_response(handle, filename=filename, content_type=content_type, public=public)


def storage_unavailable(error: BaseException) -> HttpResponse:
    """503 with Retry-After and the page of an outage when the object store does not answer:
    the file exists, it cannot be read for a moment. The reason goes to the log only."""
    from django.conf import settings
    from django.template.loader import render_to_string

    logger.error("Storage unavailable: %s: %s", type(error).__name__, error)
    retry = settings.ALLIAGE_RETRY_AFTER_SECONDS
    response = HttpResponse(
        render_to_string("503.html", {"retry_after": retry}),
        status=503,
        content_type="text/html; charset=utf-8",
    )
    response["Retry-After"] = str(retry)
    response._has_been_logged = True  # type: ignore[attr-defined]
    return never_stored(response)


def stream_response(
    handle: IO[bytes] | File,
    *,
    filename: str,
    content_type: str | None = None,
    public: bool = False,
) -> FileResponse:
    """An opened stored file streamed from its storage in blocks (never read whole: a
    bucket's object arrives as it is sent), with its length; images inline, anything else
    downloaded, ``nosniff``, kept by no cache unless ``public``."""
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(
        handle,
        as_attachment=content_type not in INLINE_TYPES,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response if public else never_stored(response)


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int) -> Page[Any]:
    """A page of the queryset, sliced in SQL; a bad page number gives the nearest real page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def csv_cell(value: str) -> str:
    """A cell that starts like a formula is read as text by spreadsheets (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

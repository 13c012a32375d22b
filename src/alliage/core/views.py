from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

import alliage
from alliage.core import hooks
from alliage.core.markdown import render_markdown

logger = logging.getLogger(__name__)


def health_report(*, web_only: bool = False) -> tuple[dict[str, Any], bool]:
    """The service's health: the database, then each app's HEALTH_CHECKS (skipped when the
    database is down, or for ``web_only``), as ``({name: body}, healthy)``. /healthz answers
    it as JSON; the status page (``alliage.legal``) shows it in words. The bodies name no
    host, port or error: those go to the log."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        healthy = database_up = True
    except Exception as error:  # any failure means "down"
        logger.error("Health check: the database is down: %s: %s", type(error).__name__, error)
        healthy = database_up = False
    checks: dict[str, Any] = {"database": {"status": "up" if database_up else "down"}}
    # The other checks read the database (the task queue's depth and age).
    if healthy and not web_only:
        for check in hooks.get_hooks(hooks.HEALTH_CHECKS):
            name, body, ok = check()
            checks[name] = body
            healthy = healthy and ok
    return checks, healthy


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database status for load balancers and the demo's own check. The body is
    public, so it names no host, port or error: those go to the log. A load balancer that
    should only know whether this server answers asks for ?scope=web."""
    checks, healthy = health_report(web_only=request.GET.get("scope") == "web")
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "version": alliage.__version__,
            **checks,
        },
        status=200 if healthy else 503,
        headers={} if healthy else {"Retry-After": str(settings.ALLIAGE_RETRY_AFTER_SECONDS)},
    )


@never_cache
@require_safe
def livez(request: HttpRequest) -> JsonResponse:
    """Liveness: this process answers HTTP. It touches neither the database nor the cache nor
    the storage, so that a supervisor restarts a stuck process, never every server because
    PostgreSQL is down (readiness is /healthz)."""
    return JsonResponse({"status": "alive"})


def bad_request_page(request: HttpRequest, *, detail: str) -> HttpResponse:
    """The site's 400 page: what was wrong, and that the text typed is not lost."""
    return render(request, "400.html", {"detail": detail}, status=400)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a request Django refused before any view or form could answer (a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE, more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS, a malformed
    request). Problem details under /api/, a styled and translated page elsewhere."""
    too_big = isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent))
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        detail = _(
            "What you sent is too large: the limit is %(size)s. Shorten the longest texts, "
            "or attach a file instead."
        ) % {"size": filesizeformat(limit)}
    elif isinstance(exception, (TooManyFieldsSent, TooManyFilesSent)):
        detail = _(
            "What you sent has too many fields (%(n)s at most): remove some lines, then send again."
        ) % {"n": number_format(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS, force_grouping=True)}
    else:
        detail = _("The request could not be read.")
    from .middleware import bad_request_response

    return bad_request_response(request, detail, api_status=413 if too_big else 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: a ``Reserved`` thing (it exists, for an audience the viewer could join)
    renders its own page saying who it is for and how to join; any other refusal Django's
    403 page."""
    from django.views.defaults import permission_denied as default

    from .http import Reserved, never_stored

    if isinstance(exception, Reserved):
        return never_stored(render(request, exception.template, exception.context, status=403))
    return default(request, exception)


# A preview shows what a long text will look like; more than this is no text of the site.
PREVIEW_MAX_CHARS = 100_000


@require_POST
@login_required
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """htmx: the Markdown of one field of the posting form (``field`` names it) as the page
    will show it, sanitised like every text of the site."""
    text = request.POST.get(request.POST.get("field", ""), "")
    return render(
        request,
        "core/_markdown_preview.html",
        {"html": render_markdown(text[:PREVIEW_MAX_CHARS]), "cut": len(text) > PREVIEW_MAX_CHARS},
    )

"""What a visitor and an API client get when the database is down, and the 500 page.

A database outage is not a bug in a page: every request fails the same way until the database
is back. Such a request is answered 503 with ``Retry-After``, a styled page (problem details
under ``/api/``), and one log line per burst (see ``alliage.core.logfilters``), instead of a
500 and a traceback per request. The 500 page promises that the team has been told only when
someone is (``ADMINS`` or Sentry configured).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

logger = logging.getLogger("alliage.outage")

DATABASE_ERRORS = (OperationalError, InterfaceError)
API_PREFIX = "/api/"


def is_database_error(error: BaseException | None) -> bool:
    """True for the errors a lost or refused database connection raises, wrapped by Django
    or still the driver's own (raised where Django does not wrap it)."""
    while error is not None:
        if isinstance(error, DATABASE_ERRORS):
            return True
        module = type(error).__module__
        if type(error).__name__ in ("OperationalError", "InterfaceError") and module.startswith(
            ("psycopg", "sqlite3")
        ):
            return True
        error = error.__cause__
    return False


def error_reporting_configured() -> bool:
    """Whether a server error reaches someone: e-mail to ADMINS or Sentry."""
    return bool(settings.ADMINS) or bool(getattr(settings, "ALLIAGE_SENTRY_ENABLED", False))


def _render(template: str, context: dict) -> str | None:
    """Without the request's context processors: they would read the session and the user,
    which is the database again."""
    try:
        return loader.render_to_string(template, context)
    except Exception:  # the page must answer even when its template cannot render
        logger.exception("The %s page could not be rendered", template)
        return None


def database_unavailable(request: HttpRequest, error: BaseException) -> HttpResponse:
    """503 with Retry-After: problem details for the API, the maintenance page elsewhere.
    The error itself goes to the log only (rate-limited), never into the response."""
    logger.error(
        "Database unavailable: %s: %s",
        type(error).__name__,
        error,
        extra={"request": request, "repeat_key": type(error).__name__},
    )
    retry_after = str(settings.ALLIAGE_RETRY_AFTER_SECONDS)
    if request.path.startswith(API_PREFIX):
        from alliage.api.problems import problem_response  # core does not depend on the API

        response: HttpResponse = problem_response(
            request,
            503,
            "The database is unavailable for a moment; retry after the delay given in Retry-After.",
        )
    else:
        body = _render("503.html", {"retry_after": settings.ALLIAGE_RETRY_AFTER_SECONDS})
        response = HttpResponse(
            body or "Service unavailable", status=503, content_type="text/html; charset=utf-8"
        )
    response["Retry-After"] = retry_after
    response["Cache-Control"] = "no-store"
    # Logged above, once per burst: Django's own "Service Unavailable" line would repeat it.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 when a view fails because the database is unavailable. Errors raised
    outside views (in another middleware) reach ``server_error``, which answers the same."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_error(exception):
            return database_unavailable(request, exception)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the outage page for a database error, else a page that touches neither the
    database nor the session and says whether the team was told."""
    error = sys.exc_info()[1]
    if is_database_error(error):
        return database_unavailable(request, error)  # type: ignore[arg-type]
    if request.path.startswith(API_PREFIX):
        from alliage.api.problems import problem_response

        return problem_response(request, 500, "The server failed to answer this request.")
    body = _render("500.html", {"reported": error_reporting_configured()})
    return HttpResponseServerError(body or "Server error", content_type="text/html; charset=utf-8")

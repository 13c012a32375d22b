"""Every error of the API as an RFC 9457 problem details document, with a 4xx status: the
client learns what went wrong and where, and never sees a 500 for bad input."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from alliage.core.errors import BusinessError, Conflict, PermissionRefused

CONTENT_TYPE = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    422: "Invalid input",
    428: "Precondition required",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldError] | None = None


def problem_body(request: HttpRequest, status: int, detail: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": f"about:blank#{status}" if status not in TITLES else "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }


def problem(
    api: NinjaAPI, request: HttpRequest, status: int, detail: str, **extra: Any
) -> HttpResponse:
    response = api.create_response(
        request, problem_body(request, status, detail, **extra), status=status
    )
    response["Content-Type"] = CONTENT_TYPE
    return response


def problem_response(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
    """The same document where no operation runs yet (a middleware, the 400 handler)."""
    return HttpResponse(
        json.dumps(problem_body(request, status, detail, **extra)),
        status=status,
        content_type=CONTENT_TYPE,
    )


def install(api: NinjaAPI) -> None:
    """Map every exception a request can raise to its problem."""

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {
                "loc": [str(p) if not isinstance(p, int) else p for p in e.get("loc", ())],
                "msg": str(e.get("msg", "")),
                "type": str(e.get("type", "")),
            }
            for e in exc.errors
        ]
        return problem(api, request, 422, "The request does not match the schema.", errors=errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem(
            api, request, 401, "Send a valid, unrevoked token: Authorization: Bearer <token>."
        )
        response["WWW-Authenticate"] = 'Bearer realm="alliage"'
        return response

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = problem(api, request, 429, "Slow down: the rate limit is reached.")
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait) + 1)
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(api, request, exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(api, request, 404, "No such resource, or not visible to you.")

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(api, request, 404, "No such resource, or not visible to you.")

    @api.exception_handler(PermissionDenied)
    def denied(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(api, request, 403, "You are not allowed to do this.")

    @api.exception_handler(PermissionRefused)
    def refused(request: HttpRequest, exc: PermissionRefused) -> HttpResponse:
        return problem(api, request, 403, exc.message)

    # Any service's conflict (a stale canvas edit, a lost race), found before BusinessError
    # because handlers are looked up along the exception's class hierarchy.
    @api.exception_handler(Conflict)
    def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return problem(api, request, 409, exc.message)

    @api.exception_handler(BusinessError)
    def business(request: HttpRequest, exc: BusinessError) -> HttpResponse:
        extra = {}
        if exc.field:
            extra["errors"] = [{"loc": ["body", exc.field], "msg": exc.message, "type": "value"}]
        return problem(api, request, 422, exc.message, **extra)


# The documented error responses of every operation.
READ_ERRORS = {400: Problem, 401: Problem, 404: Problem, 422: Problem, 429: Problem}
WRITE_ERRORS = {**READ_ERRORS, 403: Problem, 409: Problem, 413: Problem}
PRECONDITION_ERRORS = {412: Problem, 428: Problem}

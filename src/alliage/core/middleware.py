"""Request-wide helpers: who is acting (for audit entries written by signal handlers, which
are not handed the request), and a refusal of the input no form can take: a NUL character in
the address, and in a JSON body, or a JSON body nested too deeply to be read safely."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

_acting_user: ContextVar[Any] = ContextVar("alliage_acting_user", default=None)


def acting_user() -> Any:
    """The signed-in user of the current request, or None (commands, tasks, anonymous)."""
    user = _acting_user.get()
    if user is None or not user.is_authenticated:
        return None
    return user


class ActingUserMiddleware:
    """Remembers the request's user for the time of the request; after the authentication
    middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _acting_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _acting_user.reset(token)


# No request of the API nests deeper than a few levels; a body nested deeper than this is
# refused before anything parses it recursively (F6: json.loads recursed until RecursionError).
MAX_JSON_DEPTH = 32
API_PREFIX = "/api/"
BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class BadInput(Exception):
    """What the middleware refuses, with the reason shown to the client."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _nul_refused() -> BadInput:
    return BadInput(_("NUL characters (\\u0000) are not accepted."))


def _too_deep() -> BadInput:
    return BadInput(
        _("The JSON body is nested more than %(n)s levels deep.") % {"n": MAX_JSON_DEPTH}
    )


def _walk(value: Any) -> Iterator[tuple[Any, int]]:
    """Every value of a parsed JSON document (keys included) with its depth, without
    recursion."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        yield item, depth
        if isinstance(item, dict):
            stack.extend((key, depth) for key in item)
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)


def check_json_body(body: bytes) -> None:
    """Refuse a body that would fail deep in a view: NUL anywhere (raw or escaped as \\u0000),
    or nesting deeper than MAX_JSON_DEPTH. A body that is not JSON at all is left to the view,
    which says what it expected."""
    if b"\x00" in body:
        raise _nul_refused()
    if not body.strip():
        return
    try:
        parsed = json.loads(body)
    except RecursionError as error:  # the C parser counts its nesting against the stack
        raise _too_deep() from error
    except ValueError:
        return
    for item, depth in _walk(parsed):
        if depth > MAX_JSON_DEPTH:
            raise _too_deep()
        if isinstance(item, str) and "\x00" in item:
            raise _nul_refused()


def _check(request: HttpRequest) -> None:
    if "\x00" in request.path or any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    ):
        raise _nul_refused()
    if request.method not in BODY_METHODS:
        return
    if request.path.startswith(API_PREFIX):
        # The API reads every body as JSON, whatever its Content-Type says (R11 d).
        if request.content_type != "multipart/form-data":
            check_json_body(request.body)
    elif request.content_type == "application/json" or request.content_type.endswith("+json"):
        check_json_body(request.body)
    # Form posts are left to the forms: a field with a NUL gets an error next to it, in the
    # user's language, and the text typed stays in the form (R11 b).


class RejectNulMiddleware:
    """A NUL character has no place in an address or a JSON body, and PostgreSQL refuses to
    store it; a JSON body nested thousands deep would exhaust the stack of whatever parses it.
    Such a request is answered 400 (problem details under /api/, the site's page elsewhere)
    instead of failing deep in a view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            _check(request)
        except BadInput as refused:
            return bad_request_response(request, refused.detail)
        return self.get_response(request)


def bad_request_response(
    request: HttpRequest, detail: str, *, api_status: int = 400
) -> HttpResponse:
    """400 with ``detail``: problem details for the API (``api_status``: 413 for a body too
    large), the site's styled page elsewhere."""
    if request.path.startswith(API_PREFIX):
        # The one place core answers for the API: imported here, core does not depend on it.
        from alliage.api.problems import problem_response

        return problem_response(request, api_status, detail)
    from .views import bad_request_page

    return bad_request_page(request, detail=detail)

"""Request-wide helpers: who is acting (for audit entries written by signal handlers, which
are not handed the request), and a refusal of the input no form can take."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

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


def _json_has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_json_has_nul(k) or _json_has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_json_has_nul(v) for v in value)
    return False


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    data = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        data.append(request.POST)
    if any(
        "\x00" in key or any("\x00" in value for value in values)
        for query in data
        for key, values in query.lists()
    ):
        return True
    if request.content_type == "application/json" and request.method in ("POST", "PUT", "PATCH"):
        try:
            return _json_has_nul(json.loads(request.body))
        except ValueError:
            return False  # not JSON: the view answers that
    return False


class RejectNulMiddleware:
    """A NUL character has no place in a form, a JSON body or an address, and PostgreSQL
    refuses to store it: such a request is answered 400 instead of failing deep in a view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            return HttpResponseBadRequest(b"NUL characters are not accepted.")
        return self.get_response(request)

"""The API's own middleware: its default language, and conditional GET (an ETag from the body
and Last-Modified from the data let a client ask again cheaply, 304 Not Modified, and let
caches do their job)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation

from .problems import CONTENT_TYPE, problem_response


class ApiConditionalGetMiddleware(ConditionalGetMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            response.setdefault("Cache-Control", "private, no-cache")  # revalidate: per token
            response.setdefault("Vary", "Authorization")
        return super().process_response(request, response)


class ApiMiddleware:
    """What every answer of the API shares, whatever produced it. It answers in English
    unless the client asks for another language with ``Accept-Language`` (the site's pages
    default to French; a script rarely says which it wants): after LocaleMiddleware, which it
    overrides only when the header is missing. And every error is problem details, also those
    no operation wrote (a method the address does not take, an unknown address under /api/)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        if not request.headers.get("Accept-Language"):
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
        response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            CONTENT_TYPE
        ):
            problem = problem_response(request, response.status_code, _plain(response))
            for header in KEPT_HEADERS:
                if response.has_header(header):
                    problem[header] = response[header]
            return problem
        return response


# An error's headers that still apply once it is rewritten as problem details.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Vary", "Content-Language")


def _plain(response: HttpResponse) -> str:
    """A short description of an error no operation described."""
    if response.status_code == 405:
        return f"This address does not take this method; it takes: {response.get('Allow', '')}."
    if response.status_code == 404:
        return "No such resource, or not visible to you."
    return response.reason_phrase

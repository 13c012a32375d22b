"""The API's own middleware: its default language, and conditional GET (an ETag from the body
and Last-Modified from the data let a client ask again cheaply, 304 Not Modified, and let
caches do their job)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation


class ApiConditionalGetMiddleware(ConditionalGetMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            response.setdefault("Cache-Control", "private, no-cache")  # revalidate: per token
            response.setdefault("Vary", "Authorization")
        return super().process_response(request, response)


class ApiLanguageMiddleware:
    """The API answers in English unless the client asks for another language with
    ``Accept-Language`` (the site's pages default to French; a script rarely says). After
    LocaleMiddleware, which it overrides only when the header is missing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") and not request.headers.get("Accept-Language"):
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
        return self.get_response(request)

"""Conditional GET for the API: an ETag from the body and Last-Modified from the data let a
client ask again cheaply (304 Not Modified) and let caches do their job."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware


class ApiConditionalGetMiddleware(ConditionalGetMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            response.setdefault("Cache-Control", "private, no-cache")  # revalidate: per token
            response.setdefault("Vary", "Authorization")
        return super().process_response(request, response)

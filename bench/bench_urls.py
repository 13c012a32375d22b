"""The benchmark's URLconf: the site's URLs, and beside them the floor — a minimal Django view
served by the same processes and middleware (one query, 20 titles, no template), the yardstick
that every page's throughput is compared with."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, reset_queries
from django.http import HttpRequest, HttpResponse
from django.urls import path

from alliage.coalitions.models import Coalition
from alliage.urls import handler400, handler500
from alliage.urls import urlpatterns as site_urlpatterns

__all__ = ["handler400", "handler500", "urlpatterns"]


def floor(request: HttpRequest) -> HttpResponse:
    titles = Coalition.objects.published().order_by("-updated_at", "-id")
    body = "".join(f"<li>{t}</li>" for t in titles.values_list("title", flat=True)[:20])
    return HttpResponse(f"<ul>{body}</ul>")


class QueryCountMiddleware:
    """On a request with ``X-Bench-Count: 1``, log its queries (``force_debug_cursor``, as
    Django's own ``CaptureQueriesContext``) and answer their number in ``X-Bench-Queries``.
    Outermost, so that the sessions', the user's and every middleware's queries count. Other
    requests are not touched: the timed ones run as production runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.headers.get("X-Bench-Count") != "1":
            return self.get_response(request)
        previous = connection.force_debug_cursor
        connection.force_debug_cursor = True
        reset_queries()
        try:
            response = self.get_response(request)
            response["X-Bench-Queries"] = str(len(connection.queries))
        finally:
            connection.force_debug_cursor = previous
        return response


urlpatterns = [path("bench-floor/", floor, name="bench-floor"), *site_urlpatterns]

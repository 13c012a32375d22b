"""What every endpoint shares: its domain's router, bounded pagination, conditional GET, the
throttle."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date
from ninja import Field, Router, Schema
from ninja.throttling import SimpleRateThrottle

from alliage.core.client_address import client_address
from alliage.core.pagination import BoundedPaginator

from . import auth

T = TypeVar("T")
MAX_PAGE_SIZE = 100


class Paging(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    page_size: int = Field(
        20, ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, {MAX_PAGE_SIZE} at most."
    )


class Page(Schema, Generic[T]):
    count: int = Field(description="How many results, counted up to a bound (see count_exact).")
    count_exact: bool = Field(
        True, description="False when there are more results than count says."
    )
    page: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[T]


def _link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(
    request: HttpRequest,
    queryset: QuerySet[Any],
    paging: Paging,
    response: HttpResponse,
    *,
    deep: bool = False,
) -> dict[str, Any]:
    """A page sliced in SQL, with links, and Last-Modified from the newest row of the whole
    result (so a client's cached copy stays valid until something in it changes). ``deep``
    skips the rows before the page by their keys alone (``core.pagination.DeepPaginator``):
    for long lists of wide rows."""
    # Counted up to a bound (or as far as this page reads), not over the whole table: past
    # it, ``count`` is the bound and ``count_exact`` false.
    paginator = BoundedPaginator(queryset, paging.page_size)
    paginator.wanted = paging.page
    count = paginator.count_shown
    start = (paging.page - 1) * paging.page_size
    window = queryset.values("pk")[start : start + paging.page_size] if deep else None
    rows = list(
        queryset.filter(pk__in=window) if deep else queryset[start : start + paging.page_size]
    )
    if "updated_at" in {f.name for f in queryset.model._meta.get_fields()}:
        newest = queryset.order_by().aggregate(newest=Max("updated_at"))["newest"]
        last_modified(response, newest)
    return {
        "count": count,
        "count_exact": not paginator.bounded,
        "page": paging.page,
        "page_size": paging.page_size,
        "next": (
            _link(request, paging.page + 1) if start + paging.page_size < paginator.count else None
        ),
        "previous": _link(request, paging.page - 1) if paging.page > 1 and count else None,
        "results": rows,
    }


def last_modified(response: HttpResponse, when: dt.datetime | None) -> None:
    if when is not None:
        response["Last-Modified"] = http_date(when.timestamp())


class ApiThrottle(SimpleRateThrottle):
    """One budget per token, or per client address without a token (the address the trusted
    proxies vouch for, never a header the client wrote); write calls have a smaller one."""

    def __init__(self, *, scope: str) -> None:
        self.scope = scope
        super().__init__(settings.ALLIAGE_API_RATES[scope])

    def allow_request(self, request: HttpRequest) -> bool:
        # Read at each request, so an operator's change (or a test's) applies without restart.
        self.rate = settings.ALLIAGE_API_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        prefix = getattr(getattr(request, "auth", None), "prefix", "anonymous")
        ident = prefix if prefix != "anonymous" else client_address(request)
        return f"alliage-api-{self.scope}-{ident}"


def domain_router(tag: str) -> Router:
    """One domain's endpoints, under its tag in the documentation. Reading needs no token (the
    caller sees what the site shows them) and spends the read budget; write operations say so
    with ``**WRITE``."""
    return Router(auth=auth.read, throttle=ApiThrottle(scope="read"), tags=[tag])


# What a write operation adds to its decorator: a token with write scope, and the write budget
# (an operation's own auth and throttle replace its router's, they do not add to them).
WRITE: dict[str, Any] = {"auth": auth.write, "throttle": ApiThrottle(scope="write")}

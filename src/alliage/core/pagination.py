"""Pages whose count does not scan the whole table.

Django's ``Paginator`` counts every matching row on each page shown; past a few thousand rows
that count costs more than the page itself. ``BoundedPaginator`` counts at most ``COUNT_LIMIT``
rows (or, on a deeper page, up to the rows that page needs), with ``LIMIT`` in SQL: the figure
is exact up to the bound, "more than" past it, and "next" still works on every page.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

COUNT_LIMIT = 5000
MAX_PAGE = 1_000_000


class BoundedPaginator(Paginator):
    """A paginator whose ``count`` stops at ``limit`` + 1 (``bounded`` then says so)."""

    def __init__(self, object_list: Any, per_page: int, *, limit: int = COUNT_LIMIT, **kw: Any):
        super().__init__(object_list, per_page, **kw)
        self.limit = limit
        self.wanted = 1

    @cached_property
    def count(self) -> int:
        # Counting as far as the requested page reads costs no more than reading it.
        reach = max(self.limit, self.wanted * self.per_page)
        qs = self.object_list
        if isinstance(qs, QuerySet):
            return qs.order_by()[: reach + 1].count()
        return min(len(qs), reach + 1)

    @property
    def bounded(self) -> bool:
        """The count stopped at its bound: there are more rows than it says."""
        return self.count > max(self.limit, self.wanted * self.per_page)

    @property
    def count_shown(self) -> int:
        """The figure a page may print: exact, or the bound when ``bounded``."""
        return min(self.count, max(self.limit, self.wanted * self.per_page))


def paginate_bounded(
    request: HttpRequest, queryset: QuerySet[Any], per_page: int, *, limit: int = COUNT_LIMIT
) -> Page[Any]:
    """``core.http.paginate`` with a count bounded by ``limit``: a page of the queryset sliced
    in SQL; a bad page number gives the nearest real page."""
    paginator = BoundedPaginator(queryset, per_page, limit=limit)
    try:
        # Bounded, so that a page number typed in the address cannot overflow SQL's LIMIT.
        paginator.wanted = min(max(int(request.GET.get("page") or 1), 1), MAX_PAGE)
    except ValueError:
        paginator.wanted = 1
    return paginator.get_page(request.GET.get("page"))

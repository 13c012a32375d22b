"""Pages whose count does not scan the whole table.

Django's ``Paginator`` counts every matching row on each page shown; past a few thousand rows
that count costs more than the page itself. ``BoundedPaginator`` counts at most ``COUNT_LIMIT``
rows (or, on a deeper page, up to the rows that page needs), with ``LIMIT`` in SQL: the figure
is exact up to the bound, "more than" past it, and "next" still works on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

COUNT_LIMIT = 5000
MAX_PAGE = 1_000_000


class BoundedPaginator(Paginator):
    """A paginator whose ``count`` stops at ``limit`` + 1 (``bounded`` then says so).
    ``count_parts``: disjoint querysets whose rows together are the list's, each counted on
    its own (and bounded) when counting them apart uses indexes that the list's whole filter
    cannot."""

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        limit: int = COUNT_LIMIT,
        count_parts: Sequence[QuerySet[Any]] = (),
        **kw: Any,
    ):
        super().__init__(object_list, per_page, **kw)
        self.limit = limit
        self.wanted = 1
        self.count_parts = count_parts

    @cached_property
    def count(self) -> int:
        # Counting as far as the requested page reads costs no more than reading it.
        reach = max(self.limit, self.wanted * self.per_page)
        qs = self.object_list
        if self.count_parts:
            total = 0
            for part in self.count_parts:
                total += part.order_by()[: reach + 1 - total].count()
                if total > reach:
                    break
            return total
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


def wanted_page(request: HttpRequest) -> int:
    """The page number asked for, from 1 to ``MAX_PAGE``, so that a number typed in the
    address cannot overflow SQL's LIMIT when the count reaches as far as that page."""
    try:
        return min(max(int(request.GET.get("page") or 1), 1), MAX_PAGE)
    except ValueError:
        return 1


def paginate_bounded(
    request: HttpRequest, queryset: QuerySet[Any], per_page: int, *, limit: int = COUNT_LIMIT
) -> Page[Any]:
    """``core.http.paginate`` with a count bounded by ``limit``: a page of the queryset sliced
    in SQL; a bad page number gives the nearest real page."""
    paginator = BoundedPaginator(queryset, per_page, limit=limit)
    paginator.wanted = wanted_page(request)
    return paginator.get_page(request.GET.get("page"))


class DeepPaginator(BoundedPaginator):
    """``BoundedPaginator`` whose page skips the rows before it by their keys alone: the
    offset walks an index on the list's order (and the key), then only the page's rows are
    read, by key (a "deferred join"). A deep page then costs a scan of the index, not a sort
    of every row of the table on disk."""

    def page(self, number: Any) -> Page[Any]:
        qs = self.object_list
        if not isinstance(qs, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(qs.filter(pk__in=qs.values("pk")[bottom:top]), number, self)


def paginate_deep(
    request: HttpRequest,
    queryset: QuerySet[Any],
    per_page: int,
    *,
    count_parts: Sequence[QuerySet[Any]] = (),
) -> Page[Any]:
    """``paginate_bounded`` with a ``DeepPaginator``: for the long lists of whole rows (the
    coalitions), whose deep pages would otherwise sort the table."""
    paginator = DeepPaginator(queryset, per_page, count_parts=count_parts)
    paginator.wanted = wanted_page(request)
    return paginator.get_page(request.GET.get("page"))

"""Text search over a queryset: French full text on PostgreSQL (served by a GIN index over the
same vector expression), every word in some field elsewhere."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

MAX_QUERY = 200
MAX_WORDS = 8


def text_search(
    queryset: QuerySet[Any], q: str, *, vector: SearchVector, fields: Sequence[str]
) -> QuerySet[Any]:
    """Rows that match ``q``: on PostgreSQL ``vector`` (the expression its GIN index is built
    on, so the index serves it) against a web-search query in French; elsewhere each of the
    first words must appear in one of ``fields``. An empty query filters nothing."""
    q = q.strip()[:MAX_QUERY]
    if not q:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.annotate(search=vector).filter(
            search=SearchQuery(q, config="french", search_type="websearch")
        )
    for word in q.split()[:MAX_WORDS]:
        match = Q()
        for name in fields:
            match |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(match)
    return queryset

"""Unique slugs for any model: one function for coalitions, events, publications…"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db.models import QuerySet
from django.utils.text import slugify


def slug_unique(
    queryset: QuerySet[Any],
    title: str,
    *,
    fallback: str,
    suffix: str = "",
    reserved: Collection[str] = (),
    max_length: int = 80,
) -> str:
    """``slugify(title)`` cut to ``max_length`` (``fallback`` for a title with no letter), then
    ``suffix``, then ``-2``, ``-3``… until no row of ``queryset`` has it and it is not a
    reserved word of the URLs (``new``). Pass a queryset that excludes the row being renamed."""
    base = (slugify(title)[:max_length] or fallback) + suffix
    slug, n = base, 2
    while slug in reserved or queryset.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug

"""The ``fdate`` filter, loaded in every template (a builtin): see :mod:`alliage.core.dates`."""

from __future__ import annotations

from django import template

from alliage.core.dates import format_date

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def fdate(value, fmt: str = "DATE_FORMAT") -> str:
    try:
        return format_date(value, fmt)
    except (AttributeError, TypeError, ValueError):
        return ""

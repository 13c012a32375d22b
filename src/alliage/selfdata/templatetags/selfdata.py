from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from alliage.core.dates import format_date

register = template.Library()


@register.filter
def datum(value: Any) -> str:
    """One exported value, readable: dates in the reader's format and zone, yes/no, lists."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        return format_date(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return format_date(value, "DATE_FORMAT")
    if isinstance(value, Decimal | float):
        return number_format(value)
    if isinstance(value, list | tuple):
        return ", ".join(datum(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {datum(v)}" for k, v in value.items()) or "—"
    return str(value)


@register.filter
def value_of(row: dict[str, Any], name: str) -> Any:
    return row.get(name)

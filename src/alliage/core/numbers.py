"""Numbers as people read them, in the active language."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format


def figure(value: float | Decimal | int | None) -> str:
    """Two decimals at most and none for a whole number: "60", "2,5", "1,33" in French."""
    if value is None:
        return ""
    rounded = round(float(value), 2)
    return number_format(int(rounded) if rounded.is_integer() else rounded, use_l10n=True)

"""Numbers as people read them, in the active language."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import number_format


def figure(value: float | Decimal | int | None) -> str:
    """Two decimals at most and none for a whole number: "60", "2,5", "1,33" in French."""
    if value is None:
        return ""
    rounded = round(float(value), 2)
    return number_format(int(rounded) if rounded.is_integer() else rounded, use_l10n=True)


def whole_percents(counts: Sequence[int | float]) -> list[int]:
    """Whole percentages of ``counts`` that add up to 100 (for non-empty, non-zero counts):
    each share rounded down, then the points left over go to the largest remainders (ties to
    the earlier count). Rounding each share alone can show 25 % and six times 12 %: 97 %."""
    total = sum(counts)
    if total <= 0:
        return [0 for _ in counts]
    exact = [100 * c / total for c in counts]
    whole = [math.floor(e) for e in exact]
    left = 100 - sum(whole)
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(exact[i] - whole[i]), i))
    for i in by_remainder[:left]:
        whole[i] += 1
    return whole

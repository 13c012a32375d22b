"""Progress of an indicator towards its target, and its status at a date. Pure functions.

Progress is (current - baseline) / (target - baseline): the share of the way from the baseline to
the target that has been covered. It works the same for an indicator where down is better
(emissions): both differences are negative. The raw figure is kept (it can be negative, when the
indicator went the wrong way, or above 1, when the target was beaten); the display clips it to
[0, 100 %].

The status compares the latest measurement with the straight path from the baseline to the target
at the date asked for (today): at or better than the path is "on track", worse is "late", at or
better than the target is "reached", and no measurement is "no data". Past the target date the
path is the target itself, so an indicator that did not reach it is late.

When the target equals the baseline (an indicator to hold steady), there is no way to cover:
progress is undefined (None) and the status says whether the latest value is at or better than
the target (reached) or not (late).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    UP = "up", _("Up is better")
    DOWN = "down", _("Down is better")


class IndicatorStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    LATE = "late", _("Late")
    REACHED = "reached", _("Reached")
    NO_DATA = "no_data", _("No data")


@dataclass(frozen=True)
class Progress:
    raw: float | None  # None when the target equals the baseline, or without a measurement
    status: str
    current: Decimal | None
    expected: Decimal  # where the straight path from baseline to target is at the date
    whole: bool = False  # baseline and target are whole numbers (a count: 12 collectivités)

    @property
    def expected_shown(self) -> Decimal:
        """The expected value as people read it: a count's rounded to a whole number (the
        status is decided on the exact value)."""
        if self.whole:
            return self.expected.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return self.expected

    @property
    def status_label(self) -> str:
        """The status as people read it, in the active language (the enum's label)."""
        return str(IndicatorStatus(self.status).label)

    @property
    def display(self) -> float | None:
        """The raw progress clipped to [0, 1], for meters and percentages."""
        return None if self.raw is None else min(1.0, max(0.0, self.raw))


def better_or_equal(value: Decimal, reference: Decimal, direction: str) -> bool:
    return value >= reference if direction == Direction.UP else value <= reference


def expected_value(
    *, baseline: Decimal, baseline_date: date, target: Decimal, target_date: date, at: date
) -> Decimal:
    """The straight path from (baseline_date, baseline) to (target_date, target), held flat
    before the baseline date and after the target date."""
    span = (target_date - baseline_date).days
    if span <= 0 or at >= target_date:
        return target
    if at <= baseline_date:
        return baseline
    return baseline + (target - baseline) * Decimal((at - baseline_date).days) / Decimal(span)


def progress_of(
    *,
    baseline: Decimal,
    baseline_date: date,
    target: Decimal,
    target_date: date,
    direction: str,
    latest: Decimal | None,
    today: date,
) -> Progress:
    expected = expected_value(
        baseline=baseline,
        baseline_date=baseline_date,
        target=target,
        target_date=target_date,
        at=today,
    )
    whole = all(Decimal(v) == Decimal(v).to_integral_value() for v in (baseline, target))
    if latest is None:
        return Progress(
            raw=None, status=IndicatorStatus.NO_DATA, current=None, expected=expected, whole=whole
        )
    raw = None if target == baseline else float((latest - baseline) / (target - baseline))
    if better_or_equal(latest, target, direction):
        status = IndicatorStatus.REACHED
    elif target != baseline and better_or_equal(latest, expected, direction):
        status = IndicatorStatus.ON_TRACK
    else:
        status = IndicatorStatus.LATE
    return Progress(raw=raw, status=status, current=latest, expected=expected, whole=whole)


class QuantityError(ValueError):
    """A typed value that is not a number in the indicator's unit; the message is for users."""


_QUANTITY = re.compile(r"^\s*(?P<number>[-+\u2212]?[\d\s\u00a0\u202f.,]*\d)\s*(?P<unit>.*?)\s*$")


def _normalise_unit(unit: str) -> str:
    return re.sub(r"[\s.]", "", unit).casefold().replace("₂", "2")


def parse_quantity(text: str, unit: str) -> Decimal:
    """A number typed the French or the English way ("1 234,5", "1,234.5", "12.5"), optionally
    followed by the indicator's own unit. Another unit is refused rather than guessed: "12 kg"
    for an indicator in tonnes must be converted by the person who knows what they measured."""
    match = _QUANTITY.match(text or "")
    if not match:
        raise QuantityError(_("Enter a number."))
    number, typed_unit = match["number"], match["unit"]
    if typed_unit and _normalise_unit(typed_unit) != _normalise_unit(unit):
        if unit:
            raise QuantityError(
                _("This indicator is measured in %(unit)s, not in %(typed)s: convert the value.")
                % {"unit": unit, "typed": typed_unit}
            )
        raise QuantityError(_("This indicator has no unit: enter a number only."))
    number = re.sub(r"[\s\u00a0\u202f]", "", number).replace("\u2212", "-")
    if "," in number and "." in number:
        # The last separator is the decimal one: "1.234,5" or "1,234.5".
        thousands = "." if number.rfind(",") > number.rfind(".") else ","
        number = number.replace(thousands, "").replace(",", ".")
    elif number.count(",") == 1:
        number = number.replace(",", ".")
    elif number.count(",") > 1 or number.count(".") > 1:
        number = number.replace(",", "").replace(".", "", number.count(".") - 1)
    try:
        value = Decimal(number)
    except InvalidOperation as error:
        raise QuantityError(_("Enter a number.")) from error
    if not value.is_finite() or abs(value) >= Decimal("1e12"):
        raise QuantityError(_("Enter a number below a thousand billion."))
    return value

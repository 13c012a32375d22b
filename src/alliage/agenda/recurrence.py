"""Recurrences in words: what the team picks ("every first Tuesday of the month at 8:30"), the
RFC 5545 rule it stands for (the stored form), the sentence the reader sees in their language,
and the next dates it gives."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from dateutil.rrule import rrulestr
from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from alliage.core.dates import format_date

WEEKLY, MONTHLY = "weekly", "monthly"
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FREQUENCIES = ((WEEKLY, gettext_lazy("Weekly")), (MONTHLY, gettext_lazy("Monthly")))
POSITIONS = (
    (1, gettext_lazy("first")),
    (2, gettext_lazy("second")),
    (3, gettext_lazy("third")),
    (4, gettext_lazy("fourth")),
    (-1, gettext_lazy("last")),
)
WEEKDAY_CHOICES = tuple((code, WEEKDAYS[i]) for i, code in enumerate(DAY_CODES))


@dataclass(frozen=True)
class Recurrence:
    """A recurrence as the team builds it. ``weekdays`` are RRULE day codes; a monthly
    recurrence uses the first of them with ``positions`` (1 to 4, or -1 for the last: the
    second and fourth Tuesday are positions 2 and 4)."""

    frequency: str
    first_day: dt.date
    time: dt.time
    weekdays: tuple[str, ...]
    interval: int = 1
    positions: tuple[int, ...] = (1,)
    until: dt.date | None = None
    count: int | None = None

    @property
    def rrule(self) -> str:
        parts = [f"FREQ={'WEEKLY' if self.frequency == WEEKLY else 'MONTHLY'}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.frequency == WEEKLY:
            parts.append("BYDAY=" + ",".join(d for d in DAY_CODES if d in self.weekdays))
        else:
            order = [p for p, _label in POSITIONS if p in self.positions]
            parts.append("BYDAY=" + ",".join(f"{p}{self.weekdays[0]}" for p in order))
        if self.count:
            parts.append(f"COUNT={self.count}")
        elif self.until:
            parts.append(f"UNTIL={self.until:%Y%m%d}T235959")
        return ";".join(parts)

    def starts(self, tz: zoneinfo.ZoneInfo, limit: int) -> list[dt.datetime]:
        """The first ``limit`` dates, wall-clock times in ``tz``."""
        day = self.first_day
        if self.frequency == WEEKLY:  # weeks count from the first matching day
            while DAY_CODES[day.weekday()] not in self.weekdays:
                day += dt.timedelta(days=1)
        rule = rrulestr(self.rrule, dtstart=dt.datetime.combine(day, self.time))
        out = []
        for naive in rule:
            out.append(naive.replace(tzinfo=tz))
            if len(out) >= limit:
                break
        return out

    def sentence(self) -> str:
        """The recurrence in words, in the active language."""
        time = formats.time_format(self.time, "TIME_FORMAT")
        names = dict(WEEKDAY_CHOICES)
        if self.frequency == WEEKLY:
            days = ", ".join(str(names[d]) for d in DAY_CODES if d in self.weekdays)
            if self.interval == 1:
                text = _("Every week on %(days)s at %(time)s") % {"days": days, "time": time}
            else:
                text = _("Every %(n)s weeks on %(days)s at %(time)s") % {
                    "n": self.interval,
                    "days": days,
                    "time": time,
                }
        else:
            values = {
                "position": _and([str(label) for p, label in POSITIONS if p in self.positions]),
                "day": str(names[self.weekdays[0]]),
                "time": time,
                "n": self.interval,
            }
            if self.interval == 1:
                text = _("Every %(position)s %(day)s of the month at %(time)s") % values
            else:
                text = _("Every %(n)s months, on the %(position)s %(day)s at %(time)s") % values
        if self.count:
            text += ngettext(", %(count)s time", ", %(count)s times", self.count) % {
                "count": self.count
            }
        elif self.until:
            text += _(", until %(date)s") % {"date": format_date(self.until, "DATE_FORMAT")}
        return text


def _and(words: list[str]) -> str:
    """ "first", "first and third", "first, second and fourth", in the active language."""
    if len(words) < 2:
        return "".join(words)
    return _("%(some)s and %(last)s") % {"some": ", ".join(words[:-1]), "last": words[-1]}


def parse(rule: str, first_start: dt.datetime, tz: zoneinfo.ZoneInfo) -> Recurrence | None:
    """The recurrence a stored rule stands for, when the builder can show it (else None: a
    rule written by hand, kept as it is)."""
    try:
        items = dict(part.split("=", 1) for part in rule.upper().split(";") if part)
    except ValueError:
        return None
    if set(items) - {"FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL"} or "BYDAY" not in items:
        return None
    local = first_start.astimezone(tz)
    try:
        interval = int(items.get("INTERVAL", "1"))
        count = int(items["COUNT"]) if "COUNT" in items else None
        until = (
            dt.date(int(items["UNTIL"][:4]), int(items["UNTIL"][4:6]), int(items["UNTIL"][6:8]))
            if "UNTIL" in items
            else None
        )
        days = items["BYDAY"].split(",")
        if items["FREQ"] == "WEEKLY" and all(d in DAY_CODES for d in days):
            return Recurrence(
                WEEKLY, local.date(), local.time(), tuple(days), interval, (1,), until, count
            )
        weekday = {d[-2:] for d in days}
        if items["FREQ"] == "MONTHLY" and len(weekday) == 1 and weekday <= set(DAY_CODES):
            positions = tuple(int(d[:-2]) for d in days)
            if set(positions) <= set(dict(POSITIONS)):
                return Recurrence(
                    MONTHLY,
                    local.date(),
                    local.time(),
                    tuple(weekday),
                    interval,
                    positions,
                    until,
                    count,
                )
    except (ValueError, KeyError):
        return None
    return None

"""Dates as each language writes them: the one place the site formats a date for people.

Django's French formats are nearly right. Two things are not: the three-letter month ("M")
is capitalised and ambiguous ("Jui" is June, "Jul" July), and French writes the first day of a
month as an ordinal ("1er décembre"). Templates use the ``fdate`` filter and Python code calls
:func:`format_date`; both take a named format (``DATE_FORMAT``…) or a format string.
"""

from __future__ import annotations

import datetime as dt

from django.utils import dateformat, formats, timezone, translation

# In French, a format's three-letter month becomes the abbreviation French prose uses
# ("janv.", "juil.", "sept.", "mars": the Imprimerie nationale's); English's three letters
# are unambiguous ("Jun", "Jul").
_ABBREVIATED_MONTH = "M"
FRENCH_MONTHS = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip


def _escaped(fmt: str) -> list[tuple[str, bool]]:
    """The format's characters, each with whether a backslash makes it a literal."""
    chars: list[tuple[str, bool]] = []
    literal = False
    for char in fmt:
        if literal:
            chars.append((char, True))
            literal = False
        elif char == "\\":
            literal = True
        else:
            chars.append((char, False))
    return chars


def localised_format(
    fmt: str, day: int | None, language: str | None = None, month: int | None = None
) -> str:
    """The format string to apply for this language and this day of the month (and month:
    without it, a French abbreviated month is Django's "N")."""
    language = (language or translation.get_language() or "fr").split("-")[0]
    first_of_month = language == "fr" and day == 1
    out = []
    for char, literal in _escaped(fmt):
        if literal:
            out.append("\\" + char)
        elif char == _ABBREVIATED_MONTH and language == "fr":
            out.append("".join("\\" + c for c in FRENCH_MONTHS[month - 1]) if month else "N")
        elif char == "j" and first_of_month:
            out.append(r"1\e\r")
        else:
            out.append(char)
    return "".join(out)


def format_date(value: dt.date | dt.datetime | None, fmt: str = "DATE_FORMAT") -> str:
    """``value`` in the active language; aware datetimes in the site's time zone."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    pattern = formats.get_format(fmt) if fmt.isupper() and "_" in fmt else fmt
    day, month = getattr(value, "day", None), getattr(value, "month", None)
    return dateformat.format(value, localised_format(pattern, day, month=month))

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.template import engines
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from alliage.core.dates import FRENCH_MONTHS, format_date, localised_format

SRC = Path(__file__).resolve().parents[2] / "src" / "alliage"


@pytest.mark.parametrize(
    ("value", "fmt", "french", "english"),
    [
        (dt.date(2026, 12, 1), "j F Y", "1er décembre 2026", "1 December 2026"),
        (dt.date(2026, 5, 29), "j F Y", "29 mai 2026", "29 May 2026"),
        (dt.date(2027, 6, 17), "j M Y", "17 juin 2027", "17 Jun 2027"),
        (dt.date(2027, 7, 17), "j M Y", "17 juil. 2027", "17 Jul 2027"),
        (dt.date(2026, 9, 30), "j M Y", "30 sept. 2026", "30 Sep 2026"),
        (dt.date(2029, 1, 1), "M Y", "janv. 2029", "Jan 2029"),
        (dt.date(2026, 12, 1), "DATE_FORMAT", "1er décembre 2026", "1 December 2026"),
        (dt.date(2026, 12, 11), "j F", "11 décembre", "11 December"),
    ],
)
def test_dates_read_as_each_language_writes_them(value, fmt, french, english):
    with translation.override("fr"):
        assert format_date(value, fmt) == french
    with translation.override("en"):
        assert format_date(value, fmt) == english


def test_a_backslashed_letter_stays_a_literal():
    assert localised_format(r"\j\M j M", 1, "fr") == r"\j\M 1\e\r N"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_no_capitalised_or_ambiguous_french_month(value):
    with translation.override("fr"):
        text = format_date(value, "j M Y")
    assert not re.search(r"\b(Jui|Jul|Mai|Sep|jan\.|fév\.)", text)
    assert text.split(" ")[1] in FRENCH_MONTHS
    assert text.startswith("1er ") == (value.day == 1)


def test_the_filter_is_a_builtin_and_uses_local_time(settings):
    template = engines["django"].from_string('{{ when|fdate:"j F Y, H:i" }}|{{ none|fdate }}')
    when = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)  # 1 December in Paris
    with translation.override("fr"):
        assert template.render({"when": when, "none": None}) == "1er décembre 2026, 00:30|"


def test_templates_format_dates_through_fdate():
    offenders = [
        f"{path.relative_to(SRC)}: {match.group(0)}"
        for path in SRC.rglob("templates/**/*.*")
        if path.suffix in {".html", ".txt"}
        for match in re.finditer(r"\|date(?![a-z_])(:(\"[^\"]*\"|'[^']*'))?", path.read_text())
    ]
    assert offenders == []

"""One-line texts: the titles and names people type. A line break or a control character in a
title breaks what writes it on one line (a calendar's SUMMARY, a feed's title, a CSV cell, an
e-mail's subject), so forms refuse them with a clear error and services, for every other
caller (imports, the API, commands), fold them into single spaces."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters (tab, line feed and carriage return included), DEL, and the
# Unicode line and paragraph separators.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SPACES = re.compile(r"\s+")


def one_line(value: str) -> str:
    """``value`` on one line: control characters and runs of spaces become one space."""
    return _SPACES.sub(" ", CONTROL.sub(" ", value)).strip()


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})


def fold(text: str) -> str:
    """Lower-case, fold ligatures and strip accents: "Œuvre Sobriété" → "oeuvre sobriete"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def folded(value: str) -> str:
    """``value`` as two texts are compared when case and accents do not count: on one line,
    then ``fold`` ("L'Été  des communs" and "l'ete des COMMUNS" fold alike)."""
    return fold(one_line(value))


def plain_text(value: str) -> str:
    """``value`` with its line breaks as line feeds and no other control character: what a
    writer of several lines (a calendar's DESCRIPTION, a feed's summary) can always write."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(CONTROL.sub(" ", line) for line in lines)


def validate_one_line(value: str) -> None:
    if CONTROL.search(value):
        raise ValidationError(
            _("Write this on one line, without line breaks or control characters."),
            code="one_line",
        )


class OneLineField(forms.CharField):
    """A title or a name: one line, refused otherwise (the text stays in the form)."""

    default_validators = [validate_one_line]


def one_line_fields(data: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """``data`` with its texts under ``names`` on one line (what a service does with the
    titles it is given, whoever calls it)."""
    return {
        key: one_line(value) if key in names and isinstance(value, str) else value
        for key, value in data.items()
    }

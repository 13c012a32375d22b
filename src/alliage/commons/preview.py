"""A preview of the first rows of a CSV resource, as data portals show. Whatever the file holds
(another encoding, odd separators, broken quotes, binary junk) the preview either shows rows
or says why it cannot: it never raises."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from itertools import islice
from typing import IO

from django.utils.translation import gettext as _

MAX_BYTES = 256 * 1024
MAX_COLUMNS = 30
MAX_CELL = 200
DELIMITERS = ",;\t|"


@dataclass
class Preview:
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    more: bool = False  # the file has rows (or columns) beyond the preview
    error: str = ""


def _decode(raw: bytes, complete: bool) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252 as spreadsheets export."""
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(raw, final=complete)
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _dialect(sample: str, tabs: bool) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except (csv.Error, TypeError, ValueError):
        return csv.excel_tab if tabs else csv.excel


def _cell(value: str) -> str:
    value = value.strip()
    return value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "…"


def csv_preview(stream: IO[bytes], *, rows: int = 20, tabs: bool = False) -> Preview:
    """The header and the first ``rows`` rows of the CSV ``stream``, read from its first
    256 KB; a short row is padded, a long one cut at 30 columns."""
    try:
        raw = stream.read(MAX_BYTES + 1)
    except OSError:
        return Preview(error=_("The file cannot be read at the moment."))
    complete = len(raw) <= MAX_BYTES
    raw = raw[:MAX_BYTES]
    if not raw.strip():
        return Preview(error=_("The file is empty."))
    if b"\x00" in raw:
        return Preview(error=_("This file is not text: it cannot be previewed."))
    text = _decode(raw, complete)
    if not complete and "\n" in text:
        text = text[: text.rindex("\n") + 1]  # the last line read may be cut
    dialect = _dialect(text[: 16 * 1024], tabs)
    try:
        read = list(islice(csv.reader(io.StringIO(text, newline=""), dialect), rows + 2))
    except (csv.Error, ValueError) as error:
        return Preview(error=_("The file is not valid CSV (%(error)s).") % {"error": error})
    read = [r for r in read if any(cell.strip() for cell in r)]
    if not read:
        return Preview(error=_("The file is empty."))
    header, body = read[0], read[1 : rows + 1]
    width = max(len(r) for r in (header, *body))
    shown = min(width, MAX_COLUMNS)
    return Preview(
        header=[_cell(c) for c in header[:shown]] + [""] * (shown - len(header[:shown])),
        rows=[[_cell(c) for c in r[:shown]] + [""] * (shown - len(r[:shown])) for r in body],
        more=len(read) > rows + 1 or not complete or width > MAX_COLUMNS,
    )

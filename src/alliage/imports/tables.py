"""Reading an uploaded table: CSV (the standard library's reader, the delimiter sniffed, UTF-8
or Windows-1252) or XLSX (openpyxl, the first sheet). Every cell comes out as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

from django.utils.translation import gettext as _

from alliage.core.errors import BusinessError

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return str(Decimal(str(value)))
    return str(value).strip()


def _csv_rows(content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise BusinessError(_("The file is not readable text."), field="file")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise BusinessError(_("This is not a readable XLSX file."), field="file") from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(cell) for cell in row])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def table_read(content: bytes, filename: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header (lower-cased column names) and the rows, as dicts; blank rows skipped (they
    still count in the row numbers the reader sees: row 1 is the header)."""
    if len(content) > MAX_BYTES:
        raise BusinessError(_("The file is larger than 2 MB."), field="file")
    name = filename.lower()
    if name.endswith(".xlsx"):
        raw = _xlsx_rows(content)
    elif name.endswith((".csv", ".txt")):
        raw = _csv_rows(content)
    else:
        raise BusinessError(_("Upload a CSV or XLSX file."), field="file")
    if not raw or not any(raw[0]):
        raise BusinessError(_("The file is empty: its first row names the columns."), field="file")
    header = [cell.strip().lower() for cell in raw[0]]
    if len(raw) - 1 > MAX_ROWS:
        raise BusinessError(
            _("The file has more than %(max)s rows: split it.") % {"max": MAX_ROWS}, field="file"
        )
    rows = []
    for number, cells in enumerate(raw[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = {
            col: (cells[i].strip() if i < len(cells) else "") for i, col in enumerate(header) if col
        }
        row["_number"] = str(number)
        rows.append(row)
    return header, rows

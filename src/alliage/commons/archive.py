"""The archive of the platform's own open data: for every registered exporter a CSV and a JSON
file, a Frictionless ``datapackage.json`` describing them, a README and the licence."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.core.dates import format_date
from alliage.core.http import csv_cell
from alliage.core.opendata import Exporter, exporters

from .licences import LICENCES, PLATFORM_DATA_LICENCE

_TYPES = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "number"),
    (Decimal, "number"),
    (dt.datetime, "datetime"),
    (dt.date, "date"),
)


@dataclass
class Built:
    file: IO[bytes]
    byte_size: int
    sha256: str
    manifest: list[dict[str, Any]]


def csv_value(value: Any) -> str:
    """One cell: empty for nothing, ISO 8601 for dates, true/false; text that a spreadsheet
    would run as a formula starts with an apostrophe (the JSON file keeps the exact text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        return csv_cell(value)
    return str(value)


def csv_text(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_value(row[c]) for c in columns])
    return out.getvalue()


def field_type(rows: list[dict[str, Any]], column: str) -> str:
    """The Table Schema type of a column, from its first value that is not empty."""
    value = next((r[column] for r in rows if r[column] is not None), None)
    for python_type, name in _TYPES:
        if isinstance(value, python_type):
            return name
    return "string"


def _readme(manifest: list[dict[str, Any]], now: dt.datetime) -> str:
    licence = LICENCES[PLATFORM_DATA_LICENCE]
    local = timezone.localtime(now)
    lines = [
        f"# {settings.SITE_NAME} — " + _("open data"),
        "",
        _("Generated on %(date)s (%(iso)s).")
        % {"date": format_date(local, "DATETIME_FORMAT"), "iso": now.isoformat()},
        "",
        _(
            "The public data of the platform: only what anyone can already read on the site, "
            "never e-mail addresses or private notes."
        ),
        "",
        _("Licence: %(name)s (%(spdx)s), %(url)s")
        % {"name": licence.name, "spdx": licence.spdx, "url": licence.url},
        _(
            "Reuse freely, even commercially, mentioning the source (%(site)s, %(url)s) and "
            "the date above."
        )
        % {"site": settings.SITE_NAME, "url": settings.ALLIAGE_BASE_URL},
        "",
        "## " + _("Files"),
        "",
    ]
    for entry in manifest:
        lines.append(
            f"- `{entry['name']}.csv`, `{entry['name']}.json` — {entry['title']}: "
            + _("%(rows)s rows") % {"rows": entry["rows"]}
            + (f". {entry['description']}" if entry["description"] else "")
        )
    lines += [
        "",
        "## " + _("Formats"),
        "",
        _(
            "CSV files are UTF-8, comma-separated, with a header row; dates and times are ISO "
            "8601 in UTC. Text cells that begin with =, +, -, @ are prefixed with an apostrophe "
            "so that spreadsheets do not run them; the JSON files hold the exact values."
        ),
        _("datapackage.json describes the files as a Frictionless Data Package."),
        "",
    ]
    return "\n".join(lines)


def _licence_text(now: dt.datetime) -> str:
    licence = LICENCES[PLATFORM_DATA_LICENCE]
    return (
        f"{licence.name} ({licence.spdx})\n{licence.url}\n\n"
        + _("Data of %(site)s, %(url)s, as of %(date)s.")
        % {"site": settings.SITE_NAME, "url": settings.ALLIAGE_BASE_URL, "date": now.date()}
        + "\n"
    )


def _datapackage(
    described: list[tuple[Exporter, list[dict[str, Any]]]], now: dt.datetime
) -> dict[str, Any]:
    licence = LICENCES[PLATFORM_DATA_LICENCE]
    return {
        "profile": "tabular-data-package",
        "name": "alliage-opendata",
        "title": f"{settings.SITE_NAME} — " + _("open data"),
        "homepage": settings.ALLIAGE_BASE_URL,
        "created": now.isoformat(),
        "licenses": [{"name": licence.spdx, "path": licence.url, "title": licence.name}],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": exporter.name,
                "title": str(exporter.title),
                "path": f"{exporter.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [{"name": c, "type": field_type(rows, c)} for c in exporter.columns]
                },
            }
            for exporter, rows in described
        ],
    }


def _write(archive: zipfile.ZipFile, name: str, text: str, now: dt.datetime) -> None:
    stamp = timezone.localtime(now).timetuple()[:6]
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, text.encode())


@contextmanager
def build(*, now: dt.datetime) -> Iterator[Built]:
    """Read every exporter once and write the archive to a temporary file (on disk past a few
    megabytes); yields it with its size, SHA-256 and manifest."""
    manifest: list[dict[str, Any]] = []
    described: list[tuple[Exporter, list[dict[str, Any]]]] = []
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spooled:
        with zipfile.ZipFile(spooled, "w") as archive:
            for exporter in exporters():
                rows = exporter.read()
                described.append((exporter, rows))
                _write(archive, f"{exporter.name}.csv", csv_text(exporter.columns, rows), now)
                _write(
                    archive,
                    f"{exporter.name}.json",
                    json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
                    now,
                )
                manifest.append(
                    {
                        "name": exporter.name,
                        "title": str(exporter.title),
                        "description": str(exporter.description),
                        "rows": len(rows),
                        "columns": list(exporter.columns),
                    }
                )
            package = json.dumps(_datapackage(described, now), ensure_ascii=False, indent=1)
            _write(archive, "datapackage.json", package, now)
            _write(archive, "README.md", _readme(manifest, now), now)
            _write(archive, "LICENSE.txt", _licence_text(now), now)
        size = spooled.tell()
        spooled.seek(0)
        sha = hashlib.sha256()
        for chunk in iter(lambda: spooled.read(1024 * 1024), b""):
            sha.update(chunk)
        spooled.seek(0)
        yield Built(file=spooled, byte_size=size, sha256=sha.hexdigest(), manifest=manifest)


def read_member(stream: IO[bytes], name: str) -> bytes | None:
    """One file of an archive, or None if it holds no such file."""
    try:
        with zipfile.ZipFile(stream) as archive:
            return archive.read(name)
    except (KeyError, zipfile.BadZipFile, OSError):
        return None

"""The archive of a person's data: one JSON and one CSV file per dataset of the personal-data
registry, and a README that documents every file and every field."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alliage.core.http import csv_cell
from alliage.core.models import User
from alliage.core.personal_data import (
    Dataset,
    PersonalData,
    dataset_iter,
    personal_data_entries,
)


@dataclass(frozen=True)
class Section:
    """One dataset of the archive, with the number of records written for it."""

    entry: PersonalData
    dataset: Dataset
    count: int = 0

    @property
    def path(self) -> str:
        return f"{self.entry.app_label}/{self.dataset.key}"


def cell(value: Any) -> str:
    """A value as one CSV cell: lists joined with " | ", objects as JSON, true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return csv_cell(" | ".join(cell(v) for v in value))
    if isinstance(value, dict):
        return csv_cell(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return csv_cell(str(value))


def readme_text(user: User, parts: list[Section]) -> str:
    lines = [
        "# " + _("Your data in Alliage"),
        "",
        _("Exported on %(date)s for the account %(email)s.")
        % {"date": timezone.localtime().strftime("%Y-%m-%d %H:%M %Z"), "email": user.email},
        "",
        _(
            "This archive holds everything Alliage keeps about you. Each kind of data comes "
            "twice: a JSON file (UTF-8, a list of objects) and a CSV file (UTF-8, comma "
            "separated, one line per record; lists are joined with “ | ”, objects written as "
            "JSON). Times are in ISO 8601, in UTC unless they carry an offset."
        ),
        "",
        _("An empty file means Alliage holds nothing of that kind about you."),
        "",
    ]
    for part in parts:
        lines += [
            f"## {part.path} — {part.dataset.title}",
            "",
            str(part.dataset.description),
            "",
            ngettext(
                "Files: %(json)s, %(csv)s (%(count)s record)",
                "Files: %(json)s, %(csv)s (%(count)s records)",
                part.count,
            )
            % {"json": f"{part.path}.json", "csv": f"{part.path}.csv", "count": part.count},
            "",
            "| " + _("field") + " | " + _("meaning") + " |",
            "| --- | --- |",
        ]
        lines += [f"| `{f.name}` | {f.description} |" for f in part.dataset.fields]
        lines.append("")
    return "\n".join(lines)


def _write_dataset(archive: zipfile.ZipFile, part: Section, user: User) -> Section:
    """Stream one dataset into the archive, row by row: the JSON file is written as the rows
    come, the CSV file meanwhile goes to a temporary file (on disk past a megabyte) and is
    copied in after, so that both hold the same rows and nothing holds them all in memory."""
    names = part.dataset.field_names
    count = 0
    with tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+b") as spool:
        out_csv = io.TextIOWrapper(spool, encoding="utf-8", newline="")
        out_csv.write("\ufeff")  # spreadsheets then read UTF-8
        writer = csv.writer(out_csv, lineterminator="\r\n")
        writer.writerow(names)
        with archive.open(f"{part.path}.json", "w", force_zip64=True) as raw_json:
            out_json = io.TextIOWrapper(raw_json, encoding="utf-8")
            out_json.write("[")
            for row in dataset_iter(part.dataset, user):
                text = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n  ")
                out_json.write(("," if count else "") + "\n  " + text)
                writer.writerow([cell(row[name]) for name in names])
                count += 1
            out_json.write("\n]" if count else "]")
            out_json.flush()
            out_json.detach()
        out_csv.flush()
        out_csv.detach()
        spool.seek(0)
        with archive.open(f"{part.path}.csv", "w", force_zip64=True) as raw_csv:
            shutil.copyfileobj(spool, raw_csv)
    return Section(part.entry, part.dataset, count)


def archive_write(*, user: User, path: Path) -> int:
    """Write the archive to ``path``, one dataset after the other, streaming each; the README
    comes last, with the number of records each file holds. Returns its size in bytes."""
    parts = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in personal_data_entries():
            for dataset in entry.datasets:
                parts.append(_write_dataset(archive, Section(entry, dataset), user))
        archive.writestr("README.md", readme_text(user, parts))
    return path.stat().st_size

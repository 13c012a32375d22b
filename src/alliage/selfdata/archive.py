"""The archive of a person's data: one JSON and one CSV file per dataset of the personal-data
registry, and a README that documents every file and every field."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
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
    Row,
    dataset_rows,
    personal_data_entries,
)


@dataclass(frozen=True)
class Section:
    entry: PersonalData
    dataset: Dataset
    rows: list[Row]

    @property
    def path(self) -> str:
        return f"{self.entry.app_label}/{self.dataset.key}"


def sections(user: User) -> Iterator[Section]:
    """Every dataset of every registered app, with the rows about ``user``."""
    for entry in personal_data_entries():
        for dataset in entry.datasets:
            yield Section(entry, dataset, dataset_rows(dataset, user))


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


def csv_text(section: Section) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # spreadsheets then read UTF-8
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(section.dataset.field_names)
    for row in section.rows:
        writer.writerow([cell(row[name]) for name in section.dataset.field_names])
    return out.getvalue()


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
                len(part.rows),
            )
            % {"json": f"{part.path}.json", "csv": f"{part.path}.csv", "count": len(part.rows)},
            "",
            "| " + _("field") + " | " + _("meaning") + " |",
            "| --- | --- |",
        ]
        lines += [f"| `{f.name}` | {f.description} |" for f in part.dataset.fields]
        lines.append("")
    return "\n".join(lines)


def archive_write(*, user: User, path: Path) -> int:
    """Write the archive to ``path``; returns its size in bytes."""
    parts = list(sections(user))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.md", readme_text(user, parts))
        for part in parts:
            archive.writestr(
                f"{part.path}.json", json.dumps(part.rows, ensure_ascii=False, indent=2)
            )
            archive.writestr(f"{part.path}.csv", csv_text(part))
    return path.stat().st_size

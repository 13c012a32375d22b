"""The platform's own open data: each app declares what it publishes, as Decidim's manifests do.

An app registers its exporters in ``AppConfig.ready``; the commons app reads the registry to
build one archive (a CSV and a JSON file per exporter). An exporter returns PUBLIC data only:
what anyone can already read on the site, never e-mail addresses or private notes.

Core imports no other app: exporters hand it querysets and field lists, not models it knows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

Row = dict[str, Any]


@dataclass(frozen=True)
class Exporter:
    """One file of the archive: ``name`` is its file stem, ``columns`` its header in order."""

    name: str
    title: str | Promise
    columns: tuple[str, ...]
    rows: Callable[[], Iterable[Row]]
    description: str | Promise = ""
    app_label: str = ""

    def read(self) -> list[Row]:
        """Every row, restricted to the declared columns, in the declared order."""
        return [{column: row.get(column) for column in self.columns} for row in self.rows()]


_exporters: dict[str, Exporter] = {}


def register_exporter(
    name: str,
    *,
    title: str | Promise,
    columns: str | Iterable[str],
    rows: Callable[[], Iterable[Row]],
    description: str | Promise = "",
    app_label: str = "",
) -> Exporter:
    """Declare an exporter; ``columns`` is a list, or one string separated by spaces as
    namedtuple takes. Registering the same name again replaces it (``ready`` may run twice
    in tests), so a file name always means one thing."""
    if not name or not name.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"An exporter's name is a plain file stem, not {name!r}.")
    exporter = Exporter(
        name=name,
        title=title,
        columns=tuple(columns.split() if isinstance(columns, str) else columns),
        rows=rows,
        description=description,
        app_label=app_label,
    )
    _exporters[name] = exporter
    return exporter


def column_for(lookup: str) -> str:
    """A lookup's column name: ``pk`` is ``id``; a related lookup is named after its relation
    (``programme__slug`` is ``programme``)."""
    return "id" if lookup == "pk" else lookup.split("__", 1)[0]


def register_queryset_exporter(
    name: str,
    *,
    title: str | Promise,
    queryset: Callable[[], QuerySet[Any]],
    fields: str | Iterable[str] | Mapping[str, str],
    description: str | Promise = "",
    app_label: str = "",
) -> Exporter:
    """Declare an exporter that reads ``fields`` from a queryset, in one query: ORM lookups
    named by ``column_for`` (a list, or one string separated by spaces as namedtuple takes),
    or a mapping of column to lookup. The queryset is built when the archive is, never at
    start-up."""
    if isinstance(fields, str):
        fields = fields.split()
    lookups = dict(fields) if isinstance(fields, Mapping) else {column_for(f): f for f in fields}

    def rows() -> Iterable[Row]:
        for values in queryset().values(*lookups.values()):
            yield {column: values[lookup] for column, lookup in lookups.items()}

    return register_exporter(
        name,
        title=title,
        columns=lookups.keys(),
        rows=rows,
        description=description,
        app_label=app_label,
    )


def exporters() -> list[Exporter]:
    """Every registered exporter, by name."""
    return [_exporters[name] for name in sorted(_exporters)]


def exporter(name: str) -> Exporter | None:
    return _exporters.get(name)

"""The personal-data registry: what each app holds about a person, how to export it and how to
erase it. Every app that stores personal data registers one entry in its ``AppConfig.ready``
(from its ``selfdata.py``), as Decidim's manifests do, so that the export, the "My data" page
and the erasure cover a new app as soon as it registers, and a test fails for an app that
forgets to (``tests/selfdata/test_registry.py``).

Core imports no other app: the entries hold plain callables that take the account.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from .models import User

Text = str | Promise
Row = dict[str, Any]


@dataclass(frozen=True)
class Field:
    """One column of a dataset: its name in the files, a short label for the page, and what
    it means for the archive's README."""

    name: str
    label: Text
    description: Text


@dataclass(frozen=True)
class Dataset:
    """One kind of record about the person: a file in the archive, a table on the page.

    ``export`` returns the rows about ``user``; each row has exactly the declared fields.
    ``single`` datasets hold one record (the profile) and are shown as a list of facts."""

    key: str
    title: Text
    description: Text
    fields: tuple[Field, ...]
    export: Callable[[User], Iterable[Mapping[str, Any]]]
    single: bool = False

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


@dataclass(frozen=True)
class PersonalData:
    """An app's entry: its datasets, its eraser, and the models it answers for.

    ``erase(user)`` removes or anonymises what the app holds about the account; it runs inside
    the erasure's transaction, before the apps below it (the account itself is anonymised last,
    by core). ``models`` lists the models (``app_label.ModelName``) holding personal data that
    this entry exports and erases: a test checks that every model linked to an account or a
    person is listed by some entry."""

    app_label: str
    title: Text
    datasets: tuple[Dataset, ...] = ()
    erase: Callable[[User], None] | None = None
    models: tuple[str, ...] = ()


_entries: dict[str, PersonalData] = {}


def register_personal_data(entry: PersonalData) -> PersonalData:
    """Called from ``AppConfig.ready``; registering the same app again replaces its entry."""
    _entries[entry.app_label] = entry
    return entry


def personal_data_entries() -> list[PersonalData]:
    """The entries in the order of INSTALLED_APPS (core first), which is the export's order."""
    from django.apps import apps

    order = {config.label: i for i, config in enumerate(apps.get_app_configs())}
    return sorted(_entries.values(), key=lambda e: order.get(e.app_label, len(order)))


def plain(value: Any) -> Any:
    """A value as JSON holds it: dates in ISO 8601, decimals as text, lists kept."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, Promise):
        return str(value)
    return value


def dataset_rows(dataset: Dataset, user: User) -> list[Row]:
    """The dataset's rows for ``user``, JSON-ready; a row with other fields than the declared
    ones is a bug in the app's exporter, not something to ship silently."""
    rows = []
    for raw in dataset.export(user):
        row = {name: plain(value) for name, value in raw.items()}
        if tuple(row) != dataset.field_names:
            raise ValueError(
                f"{dataset.key}: the exporter gives {sorted(row)}, "
                f"the dataset declares {sorted(dataset.field_names)}"
            )
        rows.append(row)
    return rows

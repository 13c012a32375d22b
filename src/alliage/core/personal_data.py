"""The personal-data registry: what each app holds about a person, how to export it and how to
erase it. Every app that stores personal data registers one entry in its ``AppConfig.ready``
(from its ``selfdata.py``), as Decidim's manifests do, so that the export, the "My data" page
and the erasure cover a new app as soon as it registers, and a test fails for an app that
forgets to (``tests/selfdata/test_registry.py``).

Core imports no other app: the entries hold plain callables that take the account.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

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
    # What the "My data" page shows for a stored code (a role, a status, a kind): a Django
    # choices class, a mapping of codes to labels, or a function of the value. The archive
    # keeps the code as stored.
    choices: Any = None

    def shown(self, value: Any) -> Any:
        """The value as words for the page: a code through ``choices``, else as stored."""
        choices = self.choices
        if choices is None or value is None or value == "":
            return value
        if callable(choices) and not isinstance(choices, type):
            return choices(value)
        mapping = dict(choices.choices) if hasattr(choices, "choices") else choices
        return mapping.get(value, value)


@dataclass(frozen=True)
class Dataset:
    """One kind of record about the person: a file in the archive, a table on the page.

    ``export`` returns the rows about ``user``; each row has exactly the declared fields.
    ``single`` datasets hold one record (the profile) and are shown as a list of facts.

    A dataset that may grow large (the activity log) gives ``query`` (the queryset of its
    records about ``user``, ordered) instead of ``export``, and ``row`` (one record as a row)
    where a row is not simply the record's attributes named by ``fields``: the page then
    counts and slices it in SQL, and the archive reads it in chunks."""

    key: str
    title: Text
    description: Text
    fields: tuple[Field, ...]
    export: Callable[[User], Iterable[Mapping[str, Any]]] = None  # type: ignore[assignment]
    single: bool = False
    query: Callable[[User], QuerySet[Any]] | None = None
    row: Callable[[Model], Mapping[str, Any]] | None = None
    # The page's words for a page of rows about ``user`` (objects, details): one dict per row
    # of the values it words itself, the others through the fields' ``choices``; the archive
    # keeps the rows as stored.
    display: Callable[[list[dict[str, Any]], User], list[dict[str, Any]]] | None = None

    def __post_init__(self) -> None:
        if (self.export is None) == (self.query is None) or (
            self.row is not None and self.query is None
        ):
            raise ValueError(f"{self.key}: give either export, or query (and perhaps row)")
        if self.query is not None and self.row is None:
            object.__setattr__(self, "row", self._attributes)
        if self.export is None:
            object.__setattr__(self, "export", self._query_rows)

    def _attributes(self, record: Model) -> dict[str, Any]:
        return {name: getattr(record, name) for name in self.field_names}

    def _query_rows(self, user: User) -> Iterator[Mapping[str, Any]]:
        query, row = self.query, self.row
        if query is None or row is None:
            return
        for record in query(user).iterator(chunk_size=500):
            yield row(record)

    def shown(self, rows: list[dict[str, Any]], user: User) -> list[dict[str, Any]]:
        """Rows as the "My data" page shows them to ``user``: words, not stored codes. The
        ``display`` function returns, for each row, the values it words itself."""
        words = self.display(rows, user) if self.display is not None and rows else None
        return [
            {
                f.name: (
                    words[i][f.name] if words and f.name in words[i] else f.shown(row.get(f.name))
                )
                for f in self.fields
            }
            for i, row in enumerate(rows)
        ]

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def count(self, user: User) -> int:
        """How many records; one query for a dataset with a ``query``."""
        if self.query is not None:
            return self.query(user).count()
        return sum(1 for _ in self.export(user))

    def page(self, user: User, *, offset: int = 0, limit: int = 25) -> list[dict[str, Any]]:
        """Records ``offset`` to ``offset + limit``, as stored (for the page); one query for a
        dataset with a ``query``, whatever the number of records."""
        query, row = self.query, self.row
        if query is not None and row is not None:
            return [dict(row(r)) for r in query(user)[offset : offset + limit]]
        return [dict(row) for row in islice(self.export(user), offset, offset + limit)]

    def head(self, user: User, *, limit: int) -> tuple[list[dict[str, Any]], int]:
        """The first ``limit`` records and how many there are: two queries for a dataset
        with a ``query`` (whatever its size); one pass for a small one given by ``export``."""
        rows = self.page(user, offset=0, limit=limit)
        if self.query is None and len(rows) < limit:
            return rows, len(rows)
        return rows, self.count(user)


class DatasetRows:
    """A dataset's records about one person as a sequence Django's ``Paginator`` pages: it
    counts them and slices them through the dataset, never reading them all."""

    def __init__(self, dataset: Dataset, user: User) -> None:
        self.dataset = dataset
        self.user = user

    def count(self) -> int:
        return self.dataset.count(self.user)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("a dataset's rows are read by slices")
        start = index.start or 0
        stop = index.stop if index.stop is not None else start + 1000
        return self.dataset.page(self.user, offset=start, limit=max(0, stop - start))


@dataclass(frozen=True)
class PersonalData:
    """An app's entry: its datasets, its eraser, and the models it answers for.

    ``erase(user)`` removes or anonymises what the app holds about the account; it runs inside
    the erasure's transaction, before the apps below it (the account itself is anonymised last,
    by core). ``models`` lists the models (``app_label.ModelName``) holding personal data that
    this entry exports and erases: a test checks that every model linked to an account or a
    person is listed by some entry.

    ``purpose`` (why the app holds it), ``retention`` (for how long) and ``recipients`` (who
    sees it) are the privacy page's words for this entry (``alliage.legal``); an entry without
    them is shown with the platform's general rule (kept while the account exists, erased
    with it, seen by the person and the platform's administrators)."""

    app_label: str
    title: Text
    datasets: tuple[Dataset, ...] = ()
    erase: Callable[[User], None] | None = None
    models: tuple[str, ...] = ()
    purpose: Text = ""
    retention: Text = ""
    recipients: Text = ""


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


def dataset_iter(dataset: Dataset, user: User) -> Iterator[Row]:
    """The dataset's rows for ``user``, JSON-ready, one at a time (the archive streams them);
    a row with other fields than the declared ones is a bug in the app's exporter, not
    something to ship silently."""
    for raw in dataset.export(user):
        row = {name: plain(value) for name, value in raw.items()}
        if tuple(row) != dataset.field_names:
            raise ValueError(
                f"{dataset.key}: the exporter gives {sorted(row)}, "
                f"the dataset declares {sorted(dataset.field_names)}"
            )
        yield row


def dataset_rows(dataset: Dataset, user: User) -> list[Row]:
    """All of ``dataset_iter`` at once, for the small uses (a command's summary, tests)."""
    return list(dataset_iter(dataset, user))

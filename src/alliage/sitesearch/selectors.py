"""Reads of the site-wide search: each kind of result comes from that kind's own list selector,
with its visibility filter and its search, so that this page finds nothing its list would not
show the same viewer.

Each kind costs a fixed number of queries whatever the data: the index's first look, the
first results (and what their rows show), a count bounded by ``COUNT_LIMIT``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from alliage.actors.selectors import attach_shown_fields, organisation_list, person_list
from alliage.agenda.selectors import event_list
from alliage.calls.selectors import call_list
from alliage.coalitions.selectors import attach_heterogeneity, coalition_list
from alliage.commons.selectors import publication_list
from alliage.core.models import User
from alliage.core.pagination import BoundedPaginator
from alliage.core.search import MAX_QUERY, search_words

# How many results of each kind the overview shows, and how far it counts them.
FIRST = 5
COUNT_LIMIT = 100
PAGE_SIZE = 20


def search_query(q: str) -> str:
    """The query as searched and echoed: at most ``MAX_QUERY`` characters, stripped; empty
    when it holds no word (only punctuation), since a search without a word filters nothing."""
    q = q[:MAX_QUERY].strip()
    return q if search_words(q) else ""


@dataclass(frozen=True)
class Part:
    """A part of a kind's results with its own list page (the agenda's upcoming and past
    events); ``see`` (plural, with ``%(count)s``) and ``more`` (past the bound) name the link
    to that list."""

    see: Any  # ngettext_lazy(…, "count")
    more: Promise
    params: dict[str, str] = field(default_factory=dict)
    only: Q | None = None  # its rows among the kind's; None: all of them

    def label(self, count: int, bounded: bool) -> str:
        return str((self.more if bounded else self.see) % {"count": count})


@dataclass(frozen=True)
class Kind:
    """One kind of result: how to search it for a viewer, what its rows need before they are
    shown, and the list page that shows them all."""

    key: str
    label: Promise
    search: Callable[[User, str], QuerySet[Any]]
    list_url: str
    parts: tuple[Part, ...]
    prepare: Callable[[list[Any], User], None] = lambda rows, viewer: None


@dataclass
class PartLink:
    label: str
    url: str


@dataclass
class KindResults:
    kind: Kind
    results: list[Any]
    count: int
    bounded: bool
    links: list[PartLink]


def _coalitions(viewer: User, q: str) -> QuerySet[Any]:
    return coalition_list(viewer=viewer, q=q, ranked=True)


def _organisations(viewer: User, q: str) -> QuerySet[Any]:
    return organisation_list(q=q, ranked=True)


def _people(viewer: User, q: str) -> QuerySet[Any]:
    # Matches only the fields this viewer may read of each person (actors.selectors).
    return person_list(q=q, viewer=viewer)


def _events(viewer: User, q: str) -> QuerySet[Any]:
    return event_list(viewer=viewer, q=q, when="all")


def _calls(viewer: User, q: str) -> QuerySet[Any]:
    return call_list(viewer=viewer, q=q)


def _publications(viewer: User, q: str) -> QuerySet[Any]:
    return publication_list(viewer=viewer, q=q, ranked=True)


def _heterogeneity(rows: list[Any], viewer: User) -> None:
    attach_heterogeneity(rows)


def _shown_fields(rows: list[Any], viewer: User) -> None:
    attach_shown_fields(rows, viewer=viewer)


KINDS: tuple[Kind, ...] = (
    Kind(
        key="coalitions",
        label=_("Coalitions"),
        search=_coalitions,
        list_url="coalitions:coalition-list",
        parts=(
            Part(
                see=ngettext_lazy(
                    "See %(count)s coalition found",
                    "See all %(count)s coalitions found",
                    "count",
                ),
                more=_("See more than %(count)s coalitions found"),
            ),
        ),
        prepare=_heterogeneity,
    ),
    Kind(
        key="organisations",
        label=_("Organisations"),
        search=_organisations,
        list_url="actors:directory",
        parts=(
            Part(
                see=ngettext_lazy(
                    "See %(count)s organisation found",
                    "See all %(count)s organisations found",
                    "count",
                ),
                more=_("See more than %(count)s organisations found"),
            ),
        ),
    ),
    Kind(
        key="people",
        label=_("People"),
        search=_people,
        list_url="actors:directory",
        parts=(
            Part(
                see=ngettext_lazy(
                    "See %(count)s person found", "See all %(count)s people found", "count"
                ),
                more=_("See more than %(count)s people found"),
                params={"tab": "people"},
            ),
        ),
        prepare=_shown_fields,
    ),
    Kind(
        key="events",
        label=_("Events"),
        search=_events,
        list_url="agenda:agenda",
        parts=(
            Part(
                see=ngettext_lazy(
                    "See %(count)s upcoming event found",
                    "See all %(count)s upcoming events found",
                    "count",
                ),
                more=_("See more than %(count)s upcoming events found"),
                only=Q(is_past=0),
            ),
            Part(
                see=ngettext_lazy(
                    "See %(count)s past event found",
                    "See all %(count)s past events found",
                    "count",
                ),
                more=_("See more than %(count)s past events found"),
                params={"when": "past"},
                only=Q(is_past=1),
            ),
        ),
    ),
    Kind(
        key="calls",
        label=_("Calls"),
        search=_calls,
        list_url="calls:call-list",
        parts=(
            Part(
                see=ngettext_lazy(
                    "See %(count)s call found", "See all %(count)s calls found", "count"
                ),
                more=_("See more than %(count)s calls found"),
            ),
        ),
    ),
    Kind(
        key="publications",
        label=_("Publications"),
        search=_publications,
        list_url="commons:library",
        parts=(
            Part(
                see=ngettext_lazy(
                    "See %(count)s publication found",
                    "See all %(count)s publications found",
                    "count",
                ),
                more=_("See more than %(count)s publications found"),
            ),
        ),
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def _bounded_count(qs: QuerySet[Any], limit: int = COUNT_LIMIT) -> tuple[int, bool]:
    """How many rows, up to ``limit`` (then True: "more than")."""
    n = qs.order_by()[: limit + 1].count()
    return min(n, limit), n > limit


def _links(kind: Kind, qs: QuerySet[Any], q: str, total: tuple[int, bool]) -> list[PartLink]:
    """A link to each part's own list, searched for ``q``, named with its count (``total``
    for a part that holds all the results); none for a part without a result."""
    links = []
    for part in kind.parts:
        count, bounded = _bounded_count(qs.filter(part.only)) if part.only is not None else total
        if count:
            url = f"{reverse(kind.list_url)}?{urlencode({**part.params, 'q': q})}"
            links.append(PartLink(part.label(count, bounded), url))
    return links


def site_search(*, viewer: User, q: str, kinds: Sequence[Kind] = KINDS) -> list[KindResults]:
    """For each kind with results, the first ``FIRST`` of them (prepared to be shown), how
    many there are (bounded) and the links to their own lists; kinds without results are left
    out. ``q`` must hold a word (``search_query``)."""
    found = []
    for kind in kinds:
        qs = kind.search(viewer, q)
        results = list(qs[:FIRST])
        if not results:
            continue
        kind.prepare(results, viewer)
        if len(results) < FIRST:
            # All of them are shown: no count to make, no list to send to.
            found.append(KindResults(kind, results, len(results), False, []))
            continue
        count, bounded = _bounded_count(qs)
        links = _links(kind, qs, q, (count, bounded)) if count > len(results) else []
        found.append(KindResults(kind, results, count, bounded, links))
    return found


@dataclass
class KindPage:
    kind: Kind
    page: Page[Any]
    links: list[PartLink]


def kind_search_page(
    *, viewer: User, q: str, kind: Kind, page: str | None, wanted: int
) -> KindPage:
    """One kind's results, page ``page`` of ``PAGE_SIZE`` (the nearest real page when it is
    not one; ``wanted``: its number, bounded, as ``core.pagination.wanted_page`` reads it),
    with a count bounded as on the lists themselves."""
    qs = kind.search(viewer, q)
    paginator = BoundedPaginator(qs, PAGE_SIZE)
    paginator.wanted = wanted
    shown = paginator.get_page(page)
    shown.object_list = list(shown.object_list)
    kind.prepare(shown.object_list, viewer)
    total = (paginator.count_shown, paginator.bounded)
    return KindPage(kind, shown, _links(kind, qs, q, total) if shown.object_list else [])

"""One hooks mechanism for what apps contribute to each other (Wagtail's ``hooks``).

Each app keeps everything it adds to the others in its own ``hooks.py``: sections of another
app's pages, its personal data, its open data, its audit actions, the team check. Core imports
every app's ``hooks`` module once, at start-up (``CoreConfig.ready``), so an app lower down the
stack never imports the apps above it: it asks ``get_hooks(name)``.

A hook runs in the order given at registration (``order=``, lower first; ties keep the order in
which apps are installed), so where a section appears on a page is written next to the section.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.http import HttpRequest

F = TypeVar("F", bound=Callable[..., Any])

# The names of the hooks; an app registers under one of these, never under a free string.
ACTOR_SECTIONS = "actor_sections"  # (request, organisation or person) -> Section | None
# (request, the object of a page: a programme, a coalition, a proposal, a publication, an
# assessment) -> Section | list[Section] | None; a provider answers None for objects it
# does not know
PAGE_SECTIONS = "page_sections"
TEAM_CHECK = "team_check"  # (user) -> bool: belongs to some programme's team
AUDIT_ACTIONS = "audit_actions"  # an AuditAction TextChoices class (not a function)
# (programme ids) -> Q on AuditEntry: the entries about this app's objects in those programmes,
# what a programme's team reads of the audit log
AUDIT_SCOPE = "audit_scope"
# The programme team's area (/team/): its menu, and the panels of its dashboard.
TEAM_NAV = "team_nav"  # a NavItem
TEAM_PULSE = "team_pulse"  # (request, programmes) -> Section | None, a constant number of queries
# A signed-in person's own space (/me/): what waits for them, their coalitions, proposals…
ME_SECTIONS = "me_sections"  # (request, person or None) -> Section | None
# Operations: what the task worker sweeps every minute, and the parts of /healthz.
WORKER_SWEEPS = "worker_sweeps"  # () -> object: clean up after dead workers, idempotent
HEALTH_CHECKS = "health_checks"  # () -> (name, body dict, healthy: bool), a few queries
SEARCH_INDEXES = "search_indexes"  # a core.search.SearchIndex (not a function)
NOTIFICATION_KINDS = "notification_kinds"  # a notifications.kinds.Kind (not a function)
REPORTABLES = "reportables"  # a Reportable (not a function)
# (now) -> int: the reminders due at ``now`` (a milestone due, a call closing), sent through
# notifications with ``once=`` so that the hourly ``send_digests`` may run them again
REMINDERS = "reminders"
NAMES = frozenset(
    {
        REMINDERS,
        REPORTABLES,
        ACTOR_SECTIONS,
        PAGE_SECTIONS,
        TEAM_CHECK,
        AUDIT_ACTIONS,
        AUDIT_SCOPE,
        TEAM_NAV,
        TEAM_PULSE,
        ME_SECTIONS,
        WORKER_SWEEPS,
        HEALTH_CHECKS,
        SEARCH_INDEXES,
        NOTIFICATION_KINDS,
    }
)

_hooks: dict[str, list[tuple[int, int, Any]]] = defaultdict(list)
_counter = iter(range(10**9))


def register(name: str, fn: F | None = None, *, order: int = 0) -> Any:
    """Register ``fn`` under ``name``; usable as ``@register(NAME, order=10)`` or called
    directly. Registering the same function twice under a name keeps the first (a module
    imported again in tests adds nothing)."""
    if name not in NAMES:
        raise ValueError(f"Unknown hook {name!r}: add it to alliage.core.hooks.")

    def decorator(fn: F) -> F:
        if all(existing is not fn for _, _, existing in _hooks[name]):
            _hooks[name].append((order, next(_counter), fn))
            _hooks[name].sort(key=lambda entry: entry[:2])
        return fn

    return decorator(fn) if fn is not None else decorator


def get_hooks(name: str) -> list[Any]:
    """What is registered under ``name``, in order."""
    if name not in NAMES:
        raise ValueError(f"Unknown hook {name!r}.")
    return [fn for _, _, fn in _hooks[name]]


@contextmanager
def register_temporarily(name: str, fn: Any, *, order: int = 0) -> Iterator[None]:
    """For tests: ``fn`` is registered inside the block only."""
    register(name, fn, order=order)
    try:
        yield
    finally:
        _hooks[name] = [entry for entry in _hooks[name] if entry[2] is not fn]


def autodiscover() -> None:
    """Import every installed app's ``hooks`` module (called once, from core's ``ready``)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("hooks")


class Slot(enum.StrEnum):
    """Where a page puts a section another app adds to it."""

    SIDEBAR = "sidebar"
    EVALUATION = "evaluation"  # the coalition canvas's evaluation part
    WAITING = "waiting"  # "what waits for me" on a person's own space
    MAIN = "main"  # the body of a dashboard or a person's own space
    DISCUSSION = "discussion"  # the threads at the foot of a page


@dataclass(frozen=True)
class Section:
    """A block another app adds to a page: a template rendered with its own context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    slot: Slot = Slot.SIDEBAR


@dataclass(frozen=True)
class Reportable:
    """Something people may report to the moderators (``REPORTABLES``): how moderation
    fetches it, who may see it, whose team decides, whom to tell, and the lever that hides
    it, all given by the app that owns it."""

    key: str  # the model, "discussions.comment"
    fetch: Callable[[int], Any]  # the object by its pk (its model's DoesNotExist otherwise)
    see: str  # the permission to see it: one reports only what one sees
    programme_id: Callable[[Any], int | None]
    authors: Callable[[Any], list[Any]]
    set_hidden: Callable[[Any, bool], Any]
    is_hidden: Callable[[Any], bool]
    text: Callable[[Any], str]  # what the team reads in the queue
    where: Callable[[Any], Any]  # what it is about (its title in the queue)
    url: Callable[[Any], str]
    # whether it may be reported now (a draft is not public: only what others can see is)
    can_report: Callable[[Any], bool] = lambda obj: True


@dataclass(frozen=True)
class NavItem:
    """An entry of a menu: its label and the name of the URL it opens."""

    label: Any
    url_name: str


def sections(name: str, request: HttpRequest, obj: Any) -> list[Section]:
    """The sections every app adds to the page of ``obj``, in order; a provider may answer None
    (nothing to show to this viewer), one section or several."""
    found: list[Section] = []
    for provider in get_hooks(name):
        answer = provider(request, obj)
        if isinstance(answer, Section):
            found.append(answer)
        elif answer:
            found.extend(answer)
    return found


def sections_by_slot(sections_: list[Section]) -> dict[Slot, list[Section]]:
    """The sections grouped by where they go, every slot present."""
    grouped: dict[Slot, list[Section]] = {slot: [] for slot in Slot}
    for section in sections_:
        grouped[section.slot].append(section)
    return grouped


def page_sections(request: HttpRequest, obj: Any, slot: Slot) -> list[Section]:
    """The sections other apps add to one slot of the page of ``obj`` (a proposal's or a
    publication's discussion)."""
    return sections_by_slot(sections(PAGE_SECTIONS, request, obj))[slot]

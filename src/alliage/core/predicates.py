"""What every app's permission predicates share: the base predicates, the memo that lets one
page ask the database once however many checks it makes, and "on some programme's team".

Every predicate of Alliage answers the model-level question too: asked with ``obj=None`` (as
Django's admin asks "may this user view coalitions?"), it answers without failing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import rules

from .hooks import TEAM_CHECK, get_hooks

T = TypeVar("T")

is_admin = rules.is_superuser
is_signed_in = rules.is_authenticated


def memo(obj: Any, key: str | tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()`` once per object and key: the answer is kept on the object itself, so it
    lives as long as the request's objects do and never leaks to another request."""
    cache: dict[Any, Any] = obj.__dict__.setdefault("_alliage_memo", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


@rules.predicate
def is_on_a_team(user: Any) -> bool:
    """Belongs to the team of at least one programme (coalitions answers, through the
    ``TEAM_CHECK`` hook: core does not know programmes)."""
    return bool(user.is_authenticated) and any(check(user) for check in get_hooks(TEAM_CHECK))


def object_predicate(fn: Callable[[Any, Any], bool]) -> rules.Predicate:
    """A predicate about one object (a coalition, an event…). Asked without one, the
    model-level question Django's admin asks ("may this user view coalitions?"), it answers
    False: no object rule grants a power over every row; the administration's model
    permissions come from the account's groups."""

    @functools.wraps(fn)
    def predicate(user: Any, obj: Any = None) -> bool:
        return False if obj is None else fn(user, obj)

    return rules.predicate(predicate, name=fn.__name__)


def memo_forget(obj: Any, *keys: str | tuple[Any, ...]) -> None:
    """Forget answers ``memo`` kept on ``obj``: a service that changes what a predicate read
    (a declared conflict removes an assignment) calls it so the same request sees the change."""
    cache: dict[Any, Any] = obj.__dict__.get("_alliage_memo", {})
    for key in keys:
        cache.pop(key, None)

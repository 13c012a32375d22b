"""What may be reported, and how moderation reads and acts on each: the permission to see
it, the programme whose team decides, its authors, and the lever that hides it. The apps
above register their models (``hooks.REPORTABLES``): moderation knows none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from alliage.core import hooks

if TYPE_CHECKING:
    from alliage.core.models import User


@dataclass(frozen=True)
class Reportable:
    key: str  # the model, "discussions.comment"
    fetch: Callable[[int], Any]  # the object by its pk (its model's DoesNotExist otherwise)
    see: str  # the permission to see it: one reports only what one sees
    programme_id: Callable[[Any], int | None]
    authors: Callable[[Any], list[User]]
    set_hidden: Callable[[Any, bool], Any]
    is_hidden: Callable[[Any], bool]
    text: Callable[[Any], str]  # what the team reads in the queue
    where: Callable[[Any], Any]  # what it is about (its title in the queue)
    url: Callable[[Any], str]


def reportables() -> dict[str, Reportable]:
    """Each reportable model ("discussions.comment") with how moderation acts on it; every
    app that has something to report registers its ``Reportable`` in its ``hooks.py``."""
    return {entry.key: entry for entry in hooks.get_hooks(hooks.REPORTABLES)}

"""Who reads, writes, edits and removes comments: each asks the thread's channel
(``targets.py``), where the rules of each target are written once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from alliage.core.predicates import object_predicate

if TYPE_CHECKING:
    from alliage.core.models import User

    from .models import Comment
    from .targets import Channel


@dataclass
class Place:
    """A thread as the permissions see it: the object discussed and its channel (the thread
    row may not exist yet: it is made with the first comment)."""

    target: Any
    channel: Channel

    @property
    def key(self) -> str:
        return f"{self.target._meta.app_label}.{self.target._meta.model_name}"


def place_of(comment: Comment) -> Place:
    """The comment's place, set by the selectors that fetch comments (``comment.place``)."""
    return comment.place  # type: ignore[attr-defined]


@object_predicate
def can_read_place(user: User, place: Place) -> bool:
    """Whoever may read the thread's audience (see the channel)."""
    return place.channel.read(user, place.target)


@object_predicate
def can_write_place(user: User, place: Place) -> bool:
    """A signed-in reader of the thread (some channels narrow it further)."""
    return place.channel.may_write(user, place.target)


@object_predicate
def can_read_comment(user: User, comment: Comment) -> bool:
    place = place_of(comment)
    return place.channel.read(user, place.target)


@object_predicate
def is_comment_author(user: User, comment: Comment) -> bool:
    return user.is_authenticated and comment.author_id == user.pk


@object_predicate
def can_moderate_comment(user: User, comment: Comment) -> bool:
    """Those who keep the thread (the coalition's leads on its public thread, the programme
    team elsewhere) may remove anyone's comment from it."""
    place = place_of(comment)
    return user.is_authenticated and place.channel.moderate(user, place.target)


@object_predicate
def is_live(user: User, comment: Comment) -> bool:
    """Not deleted nor hidden: a removed comment cannot be edited or removed again."""
    return not comment.is_removed


@object_predicate
def can_still_write(user: User, comment: Comment) -> bool:
    """An author who left the coalition no longer edits what they wrote in its members'
    thread."""
    place = place_of(comment)
    return place.channel.may_write(user, place.target)

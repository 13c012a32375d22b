"""Permission predicates on coalitions. Each takes (user, coalition) and caches what it reads
on the objects so that one page asks the database once, however many checks it makes."""

from __future__ import annotations

from alliage.core.models import User
from alliage.core.predicates import object_predicate

from .models import Coalition, CoalitionStatus, MemberRole


def member_role(user: User, coalition: Coalition) -> str | None:
    """The user's role in the coalition, or None; read once per (user, coalition object)."""
    if not user.is_authenticated:
        return None
    cache: dict[int, str | None] = coalition.__dict__.setdefault("_role_cache", {})
    if user.pk not in cache:
        cache[user.pk] = (
            coalition.members.filter(person__user_id=user.pk).values_list("role", flat=True).first()
        )
    return cache[user.pk]


def team_programme_ids(user: User) -> frozenset[int]:
    """The programmes whose team the user belongs to; read once per user object."""
    if not user.is_authenticated:
        return frozenset()
    if "_team_programme_ids" not in user.__dict__:
        user.__dict__["_team_programme_ids"] = frozenset(
            user.team_programmes.values_list("pk", flat=True)
        )
    return user.__dict__["_team_programme_ids"]


@object_predicate
def is_published(user: User, coalition: Coalition) -> bool:
    """Published coalitions are public."""
    return coalition.is_published


@object_predicate
def is_coalition_member(user: User, coalition: Coalition) -> bool:
    """Any role in the coalition, lead included."""
    return member_role(user, coalition) is not None


@object_predicate
def is_coalition_lead(user: User, coalition: Coalition) -> bool:
    """Leads keep the canvas and decide who joins."""
    return member_role(user, coalition) == MemberRole.LEAD


@object_predicate
def is_coalition_team(user: User, coalition: Coalition) -> bool:
    """The team of the coalition's programme curates and accompanies it."""
    return coalition.programme_id in team_programme_ids(user)


@object_predicate
def is_open_to_members(user: User, coalition: Coalition) -> bool:
    """A closed coalition takes no new members."""
    return coalition.status != CoalitionStatus.CLOSED

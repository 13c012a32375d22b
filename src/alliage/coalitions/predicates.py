"""Permission predicates on coalitions. Each takes (user, coalition) and keeps what it reads
on the objects (``core.predicates.memo``) so that one page asks the database once, however
many checks it makes."""

from __future__ import annotations

from alliage.core.models import User
from alliage.core.predicates import memo, object_predicate

from .models import Coalition, MemberRole, Programme


def member_role(user: User, coalition: Coalition) -> str | None:
    """The user's role in the coalition, or None; read once per (user, coalition object)."""
    if not user.is_authenticated:
        return None
    return memo(
        coalition,
        ("coalitions.member_role", user.pk),
        lambda: (
            coalition.members.filter(person__user_id=user.pk).values_list("role", flat=True).first()
        ),
    )


def team_programme_ids(user: User) -> frozenset[int]:
    """The programmes whose team the user belongs to; read once per user object."""
    if not user.is_authenticated:
        return frozenset()
    return memo(
        user,
        "coalitions.team_programme_ids",
        lambda: frozenset(user.team_programmes.values_list("pk", flat=True)),
    )


@object_predicate
def is_public_programme(user: User, programme: Programme) -> bool:
    """A programme's page is public: it lists what each visitor may see of it."""
    return True


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
    return not coalition.is_closed


@object_predicate
def is_programme_team(user: User, programme: Programme) -> bool:
    """The programme's own team edits, orders and archives it."""
    return programme.pk in team_programme_ids(user)

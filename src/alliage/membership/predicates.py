"""Permission predicates on memberships. Each takes (user, membership)."""

from __future__ import annotations

from alliage.actors.models import Membership
from alliage.actors.predicates import is_affiliated
from alliage.core.models import User
from alliage.core.predicates import object_predicate


@object_predicate
def is_holder(user: User, membership: Membership) -> bool:
    """The user holds the membership: its person, or one of its organisation's people."""
    if not user.is_authenticated:
        return False
    if membership.person_id is not None:
        return membership.person.user_id == user.pk
    return is_affiliated(user, membership.organisation)

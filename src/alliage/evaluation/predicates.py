"""Permission predicates on a coalition's evaluation. Each takes (user, coalition)."""

from __future__ import annotations

from alliage.coalitions.models import Coalition, MemberRole
from alliage.coalitions.predicates import member_role
from alliage.core.models import User
from alliage.core.predicates import object_predicate


@object_predicate
def is_coalition_accompanier(user: User, coalition: Coalition) -> bool:
    """Accompaniers support the coalition from outside and write the other side of the
    Facteur 4 dialogue."""
    return member_role(user, coalition) == MemberRole.ACCOMPANIER

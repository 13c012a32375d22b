"""Permission predicates on a coalition's evaluation. Each takes (user, coalition)."""

from __future__ import annotations

import rules

from alliage.coalitions.models import Coalition, MemberRole
from alliage.coalitions.predicates import member_role
from alliage.core.models import User


@rules.predicate
def is_coalition_accompanier(user: User, coalition: Coalition) -> bool:
    """Accompaniers support the coalition from outside and write the other side of the
    Facteur 4 dialogue."""
    return member_role(user, coalition) == MemberRole.ACCOMPANIER

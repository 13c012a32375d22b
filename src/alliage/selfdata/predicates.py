"""Permission predicates of Self Data. They take the user only: the log and the list of
inactive accounts are the programme's, not an object's."""

from __future__ import annotations

import rules

from alliage.core.models import User


@rules.predicate
def is_staff(user: User) -> bool:
    """Staff run the site (the administration)."""
    return user.is_authenticated and user.is_staff

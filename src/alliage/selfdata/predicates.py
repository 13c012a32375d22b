"""Permission predicates of Self Data. They take the user only: the log and the list of
inactive accounts are the programme's, not an object's."""

from __future__ import annotations

import rules

from alliage.core.models import User
from alliage.core.predicates import is_on_a_team


@rules.predicate
def is_staff(user: User) -> bool:
    """Staff run the site (the administration)."""
    return user.is_authenticated and user.is_staff


@rules.predicate
def is_on_a_programme_team(user: User) -> bool:
    """The team of any programme looks after the people in it."""
    return is_on_a_team(user)


is_admin = rules.is_superuser
is_signed_in = rules.is_authenticated

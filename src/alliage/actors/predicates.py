"""Permission predicates on people. Each takes (user, person)."""

from __future__ import annotations

from alliage.core.models import User
from alliage.core.predicates import object_predicate

from .models import Person


@object_predicate
def is_self(user: User, person: Person) -> bool:
    """The person is the user's own."""
    return user.is_authenticated and person.user_id == user.pk


@object_predicate
def accepts_messages(user: User, person: Person) -> bool:
    """The person consented to be contacted by other actors, and their account is active."""
    return person.is_contactable and person.user.is_active

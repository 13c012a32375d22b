"""Permission predicates on people. Each takes (user, person)."""

from __future__ import annotations

import rules

from alliage.core.models import User

from .models import Person


@rules.predicate
def is_self(user: User, person: Person) -> bool:
    """The person is the user's own."""
    return user.is_authenticated and person.user_id == user.pk


@rules.predicate
def accepts_messages(user: User, person: Person) -> bool:
    """The person consented to be contacted by other actors, and their account is active."""
    return person.is_contactable and person.user.is_active


is_signed_in = rules.is_authenticated

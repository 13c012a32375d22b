"""Permission predicates of assemblies. Each takes (user, assembly)."""

from __future__ import annotations

from alliage.actors.selectors import person_for_user
from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User
from alliage.core.predicates import memo, object_predicate

from .models import Assembly


@object_predicate
def sees_assembly_event(user: User, assembly: Assembly) -> bool:
    """Whoever may see the assembly's event sees the assembly's page."""
    return user.has_perm("agenda.see_event", assembly.event)


@object_predicate
def chairs_assembly(user: User, assembly: Assembly) -> bool:
    """The team of the event's programme chairs its assembly."""
    return assembly.event.programme_id in team_programme_ids(user)


@object_predicate
def is_on_roll(user: User, assembly: Assembly) -> bool:
    """The user casts votes of the roll: as a member, or in an organisation's name."""
    if not user.is_authenticated:
        return False

    def compute() -> bool:
        person = person_for_user(user=user)
        return person is not None and assembly.voters.filter(person=person).exists()

    return memo(user, ("assembly.on_roll", assembly.pk), compute)

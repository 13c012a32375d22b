"""Permission predicates of invitations and introductions. Each takes (user, object)."""

from __future__ import annotations

from alliage.coalitions.predicates import is_coalition_lead, is_coalition_team
from alliage.core.models import User
from alliage.core.predicates import object_predicate

from .models import Answer, Introduction, Invitation


@object_predicate
def leads_invitation_coalition(user: User, invitation: Invitation) -> bool:
    """The user leads the invitation's coalition, or is its programme's team."""
    coalition = invitation.coalition
    return bool(is_coalition_lead(user, coalition) or is_coalition_team(user, coalition))


@object_predicate
def is_invited(user: User, invitation: Invitation) -> bool:
    """The invitation is for the user: their person, or their account's address."""
    if not user.is_authenticated:
        return False
    if invitation.person_id is not None:
        return invitation.person.user_id == user.pk
    return invitation.email.lower() == user.email.lower()


@object_predicate
def is_introduced(user: User, introduction: Introduction) -> bool:
    """The user is one of the two people the introduction is about."""
    return user.is_authenticated and introduction.side_of(user) is not None


@object_predicate
def asked_introduction(user: User, introduction: Introduction) -> bool:
    """The user asked for the introduction."""
    return user.is_authenticated and introduction.requested_by_id == user.pk


@object_predicate
def awaits_my_answer(user: User, introduction: Introduction) -> bool:
    """The user's side has not answered yet, and the other side has not declined."""
    side = introduction.side_of(user)
    if side is None or introduction.is_declined:
        return False
    return getattr(introduction, f"{side}_state") == Answer.PENDING

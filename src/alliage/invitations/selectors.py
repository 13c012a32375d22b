"""Reads of invitations and introductions, ready to render."""

from __future__ import annotations

import hashlib

from django.db.models import Q, QuerySet
from django.utils import timezone

from alliage.actors.models import Organisation, Person
from alliage.coalitions.models import Coalition
from alliage.core.models import User

from .models import Answer, Introduction, Invitation, InvitationState

# How many of a coalition's invitations its page lists, the latest first.
COALITION_LIST_SIZE = 50


def token_hash(token: str) -> str:
    """What is stored of a link's secret: its SHA-256, so the table alone opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_detail(*, pk: int) -> Invitation:
    return Invitation.objects.select_related(
        "coalition__programme", "person__user", "organisation", "invited_by"
    ).get(pk=pk)


def invitation_by_token(*, token: str) -> Invitation:
    """The invitation whose link carries ``token``; ``DoesNotExist`` for any other."""
    if not token or len(token) > 100:
        raise Invitation.DoesNotExist
    return invitation_detail(pk=Invitation.objects.get(token_hash=token_hash(token)).pk)


def invitations_of_coalition(*, coalition: Coalition) -> list[Invitation]:
    """The coalition's latest invitations, for its leads: one query."""
    return list(
        Invitation.objects.filter(coalition=coalition)
        .select_related("person", "organisation", "coalition")
        .order_by("-created_at", "-id")[:COALITION_LIST_SIZE]
    )


def open_q(prefix: str = "") -> Q:
    """An invitation one may still answer: pending and not past its date."""
    return Q(
        **{f"{prefix}state": InvitationState.PENDING, f"{prefix}expires_at__gt": timezone.now()}
    )


def invitations_for(*, user: User) -> QuerySet[Invitation]:
    """The open invitations addressed to the user, by their person or their address."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(open_q(), delivered=True)
        .filter(Q(person__user=user) | Q(person__isnull=True, email__iexact=user.email))
        .select_related("coalition")
        .order_by("-created_at", "-id")
    )


def introductions_of(*, user: User) -> QuerySet[Introduction]:
    """The introductions the user asked for or is one side of, latest first."""
    if not user.is_authenticated:
        return Introduction.objects.none()
    return (
        Introduction.objects.filter(
            Q(requested_by=user) | Q(a_person__user=user) | Q(b_person__user=user)
        )
        .select_related("a_person__user", "b_person__user", "requested_by")
        .order_by("-created_at", "-id")
    )


def introductions_awaiting(*, user: User) -> list[Introduction]:
    """The introductions waiting for the user's answer."""
    return [
        i
        for i in introductions_of(user=user).filter(
            Q(a_person__user=user, a_state=Answer.PENDING)
            | Q(b_person__user=user, b_state=Answer.PENDING)
        )
        if not i.is_declined
    ]


def introduction_detail(*, pk: int) -> Introduction:
    return Introduction.objects.select_related(
        "a_person__user", "b_person__user", "requested_by"
    ).get(pk=pk)


def introduction_contact(*, introduction: Introduction, user: User) -> str | None:
    """The other side's e-mail address, for one side, once both accepted; None otherwise.
    This is the one place that reads it: pages, exports and notifications go through here."""
    if not introduction.is_made:
        return None
    side = introduction.side_of(user)
    if side == "a":
        return introduction.b_person.user.email
    if side == "b":
        return introduction.a_person.user.email
    return None


def person_to_invite(*, pk: int) -> Person:
    """A person chosen among the suggestions; the caller checks that the viewer sees them."""
    return Person.objects.select_related("user").get(pk=pk)


def organisation_to_invite(*, pk: int) -> Organisation:
    return Organisation.objects.get(pk=pk)


def inviter_of(*, invitation: Invitation) -> Person | None:
    """The person of the account that sent the invitation (an administrator may have none)."""
    return Person.objects.filter(user_id=invitation.invited_by_id).first()

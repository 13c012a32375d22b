"""What invitations holds about a person: the invitations they sent and received, the
introductions they asked for or are part of; exported, and erased with the account."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alliage.coalitions.models import MemberRole
from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData

from .models import Introduction, Invitation, InvitationState


def _received_q(user: User) -> Q:
    return Q(person__user=user) | Q(person__isnull=True, email__iexact=user.email)


def _received(user: User) -> Iterator[dict[str, Any]]:
    for invitation in (
        Invitation.objects.filter(_received_q(user), delivered=True)
        .select_related("coalition")
        .order_by("pk")
    ):
        yield {
            "coalition": invitation.coalition.title,
            "role": invitation.get_role_display(),
            "message": invitation.message,
            "state": invitation.current_state_label,
            "created_at": invitation.created_at,
            "decided_at": invitation.decided_at,
        }


def _sent(user: User) -> Iterator[dict[str, Any]]:
    for invitation in (
        Invitation.objects.filter(invited_by=user)
        .select_related("coalition", "person", "organisation")
        .order_by("pk")
    ):
        yield {
            "coalition": invitation.coalition.title,
            # what the lead typed, or whom they chose: never whose account an address is
            "invited": invitation.email or str(invitation.person or invitation.organisation),
            "state": invitation.current_state_label,
            "created_at": invitation.created_at,
        }


def _introductions(user: User) -> Iterator[dict[str, Any]]:
    for intro in (
        Introduction.objects.filter(
            Q(requested_by=user) | Q(a_person__user=user) | Q(b_person__user=user)
        )
        .select_related("a_person", "b_person")
        .order_by("pk")
    ):
        yield {
            "people": f"{intro.a_person} ↔ {intro.b_person}",
            "asked_by_you": intro.requested_by_id == user.pk,
            "note": intro.note,
            "states": f"{intro.get_a_state_display()} / {intro.get_b_state_display()}",
            "created_at": intro.created_at,
        }


def erase(user: User) -> None:
    """The invitations sent by or to the person and their introductions go; memberships an
    accepted invitation made stay (coalitions erases those)."""
    Invitation.objects.filter(Q(invited_by=user) | _received_q(user)).delete()
    Invitation.objects.filter(email__iexact=user.email).delete()
    Introduction.objects.filter(
        Q(requested_by=user) | Q(a_person__user=user) | Q(b_person__user=user)
    ).delete()


PERSONAL_DATA = PersonalData(
    app_label="invitations",
    title=_("Invitations and introductions"),
    purpose=_("To invite people to coalitions and to introduce actors to one another."),
    retention=_(
        "Invitations last a few days; their record is kept as long as your account exists and "
        "erased with it."
    ),
    recipients=_("You and the person invited or introduced; the coalition's lead."),
    models=("invitations.Invitation", "invitations.Introduction"),
    erase=erase,
    datasets=(
        Dataset(
            key="invitations_received",
            title=_("Invitations you received"),
            description=_("The coalitions that invited you to join them, and your answers."),
            export=_received,
            fields=(
                Field("coalition", _("Coalition"), _("the coalition that invited you")),
                Field("role", _("Role"), _("the role offered"), choices=MemberRole),
                Field("message", _("Message"), _("the word that came with it")),
                Field(
                    "state",
                    _("State"),
                    _("waiting, accepted, declined, expired, withdrawn"),
                    choices=InvitationState,
                ),
                Field("created_at", _("Sent"), _("when it was sent")),
                Field("decided_at", _("Answered"), _("when it was answered")),
            ),
        ),
        Dataset(
            key="invitations_sent",
            title=_("Invitations you sent"),
            description=_("The people you invited to join a coalition you lead."),
            export=_sent,
            fields=(
                Field("coalition", _("Coalition"), _("the coalition")),
                Field("invited", _("Invited"), _("whom you invited")),
                Field(
                    "state",
                    _("State"),
                    _("waiting, accepted, declined, expired, withdrawn"),
                    choices=InvitationState,
                ),
                Field("created_at", _("Sent"), _("when you sent it")),
            ),
        ),
        Dataset(
            key="introductions",
            title=_("Introductions"),
            description=_("The introductions you asked for or were proposed."),
            export=_introductions,
            fields=(
                Field("people", _("People"), _("the two people introduced")),
                Field("asked_by_you", _("Asked by you"), _("whether you asked for it")),
                Field("note", _("Note"), _("why they should meet")),
                Field("states", _("Answers"), _("the answer of each side")),
                Field("created_at", _("Asked"), _("when it was asked")),
            ),
        ),
    ),
)

"""Writes of invitations and introductions. Each checks the permission with the user it is
given, locks what it changes, writes, audits and tells the people concerned."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alliage.actors.models import Organisation, Person
from alliage.actors.services import person_ensure, person_register
from alliage.coalitions.models import Coalition, CoalitionMember, MemberRole
from alliage.coalitions.services import member_add
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import User
from alliage.core.services import audit_record, permission_require, task_enqueue_after_commit
from alliage.notifications.services import notification_send

from . import tasks
from .audit import AuditAction
from .models import Answer, Introduction, Invitation, InvitationState

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


class Notice:
    """The kinds of notification this app sends (declared in ``hooks.py``)."""

    INVITATION = "invitations.invitation"
    ACCEPTED = "invitations.accepted"
    DECLINED = "invitations.declined"
    INTRODUCTION_ASKED = "invitations.introduction_asked"
    INTRODUCTION_MADE = "invitations.introduction_made"


MESSAGE_MAX = 1000


def invitation_daily_limit() -> int:
    return int(getattr(settings, "ALLIAGE_INVITATION_DAILY_LIMIT", 20))


def invitation_days() -> int:
    return int(getattr(settings, "ALLIAGE_INVITATION_DAYS", 14))


def introduction_daily_limit() -> int:
    return int(getattr(settings, "ALLIAGE_INTRODUCTION_DAILY_LIMIT", 5))


def _accepts_messages(person: Person) -> bool:
    return person.is_contactable and person.user.is_active


def _limit_error(limit: int) -> BusinessError:
    return BusinessError(
        ngettext(
            "You have sent %(limit)s invitation in the last 24 hours, the most allowed: "
            "try again tomorrow.",
            "You have sent %(limit)s invitations in the last 24 hours, the most allowed: "
            "try again tomorrow.",
            limit,
        )
        % {"limit": limit}
    )


def _clean_message(message: str) -> str:
    message = message.strip()
    if len(message) > MESSAGE_MAX:
        raise BusinessError(
            _("Keep the message under %(max)s characters.") % {"max": MESSAGE_MAX},
            field="message",
        )
    return message


def _is_member(coalition: Coalition, person: Person) -> bool:
    return CoalitionMember.objects.filter(coalition=coalition, person=person).exists()


def _already_invited(coalition: Coalition, person: Person) -> bool:
    """An open invitation to this person, sent to them by name (one sent to an address is
    not counted: refusing would tell the lead whose address it is)."""
    return Invitation.objects.filter(
        coalition=coalition,
        person=person,
        email="",
        state=InvitationState.PENDING,
        expires_at__gt=timezone.now(),
    ).exists()


Target = tuple[Person | None, Organisation | None, str, bool]


def _targets_person(coalition: Coalition, person: Person) -> list[Target]:
    if not _accepts_messages(person):
        raise BusinessError(_("This person does not accept to be contacted."))
    if _is_member(coalition, person):
        raise BusinessError(_("%(name)s is already a member.") % {"name": person})
    if _already_invited(coalition, person):
        raise BusinessError(
            _("%(name)s is already invited and has not answered yet.") % {"name": person}
        )
    return [(person, None, "", True)]


def _targets_organisation(coalition: Coalition, organisation: Organisation) -> list[Target]:
    """The organisation's people who accept to be contacted and are not members yet."""
    people = [
        p
        for p in Person.objects.filter(
            affiliations__organisation=organisation, is_contactable=True, user__is_active=True
        )
        .exclude(coalition_roles__coalition=coalition)
        .select_related("user")
        .distinct()
        if not _already_invited(coalition, p)
    ]
    if not people:
        raise BusinessError(
            _(
                "No one at %(name)s accepts to be contacted (or they are all members or "
                "invited already): invite someone there by their e-mail address instead."
            )
            % {"name": organisation}
        )
    return [(p, organisation, "", True) for p in people]


def _targets_email(coalition: Coalition, email: str) -> list[Target]:
    """An address: the person whose account it is, if any, but the answer never says so.
    Someone who does not accept to be contacted, or already a member, is recorded like any
    invitation and not sent anything."""
    email = email.strip().lower()
    try:
        EmailValidator()(email)
    except ValidationError as error:
        raise BusinessError(_("Enter a valid e-mail address."), field="email") from error
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        return [(None, None, email, True)]
    person = person_ensure(user=user)
    delivered = _accepts_messages(person) and not _is_member(coalition, person)
    return [(person, None, email, delivered)]


@transaction.atomic
def invitation_create(
    *,
    coalition: Coalition,
    by: User,
    person: Person | None = None,
    organisation: Organisation | None = None,
    email: str = "",
    role: str = MemberRole.MEMBER,
    message: str = "",
) -> list[Invitation]:
    """A lead (or the programme's team) invites one person who accepts to be contacted, the
    people of an organisation who do, or an e-mail address. Each invited person gets a link
    by e-mail (signed, single use, valid ``ALLIAGE_INVITATION_DAYS`` days), and a
    notification if they have an account. A lead sends ``ALLIAGE_INVITATION_DAILY_LIMIT``
    invitations a day at most, against spam. Returns the invitations recorded."""
    permission_require(
        by,
        "invitations.invite_to_coalition",
        coalition,
        _("Only the coalition's leads may invite people to join it."),
    )
    if sum(bool(x) for x in (person, organisation, email.strip())) != 1:
        raise BusinessError(_("Choose whom to invite."), field="email")
    if role not in MemberRole.values:
        raise BusinessError(_("Unknown role."), field="role")
    message = _clean_message(message)
    if person is not None:
        targets = _targets_person(coalition, person)
    elif organisation is not None:
        targets = _targets_organisation(coalition, organisation)
    else:
        targets = _targets_email(coalition, email)
    # Locking the lead's account serialises their invitations, so the limit holds.
    User.objects.select_for_update().filter(pk=by.pk).first()
    limit = invitation_daily_limit()
    since = timezone.now() - dt.timedelta(days=1)
    sent = Invitation.objects.filter(invited_by=by, created_at__gte=since).count()
    if sent + len(targets) > limit:
        raise _limit_error(limit)
    expires = timezone.now() + dt.timedelta(days=invitation_days())
    invitations = []
    for target_person, target_organisation, target_email, delivered in targets:
        invitation = Invitation.objects.create(
            coalition=coalition,
            invited_by=by,
            person=target_person,
            organisation=target_organisation,
            email=target_email,
            role=role,
            message=message,
            expires_at=expires,
            delivered=delivered,
        )
        audit_record(
            action=AuditAction.INVITATION_SENT,
            by=by,
            target=coalition,
            invitation=invitation.pk,
        )
        if delivered:
            task_enqueue_after_commit(tasks.invitation_deliver, invitation_id=invitation.pk)
            if target_person is not None:
                notification_send(
                    kind=Notice.INVITATION,
                    recipients=[target_person.user],
                    url=invitation.get_absolute_url(),
                    context={"name": _name_of(by), "coalition": coalition.title},
                    by=by,
                )
        invitations.append(invitation)
    return invitations


def _name_of(user: User) -> str:
    person = Person.objects.filter(user=user).first()
    return str(person) if person else _("A coalition's lead")


def invitation_closed_reason(invitation: Invitation) -> str | None:
    """Why this invitation can no longer be answered, or None while it can."""
    state = invitation.current_state
    if state == InvitationState.PENDING:
        return None
    return {
        InvitationState.ACCEPTED: _("This invitation has already been accepted."),
        InvitationState.DECLINED: _("This invitation has been declined."),
        InvitationState.REVOKED: _("This invitation has been withdrawn by the coalition."),
        InvitationState.EXPIRED: _("This invitation has expired: ask the coalition for another."),
    }[state]


def _lock_open(invitation: Invitation) -> Invitation:
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("coalition", "person__user", "organisation", "invited_by")
        .get(pk=invitation.pk)
    )
    if (reason := invitation_closed_reason(locked)) is not None:
        raise BusinessError(reason)
    return locked


def _decided(locked: Invitation, state: str, invitation: Invitation) -> None:
    locked.state = state
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_at"])
    invitation.state, invitation.decided_at = locked.state, locked.decided_at


@transaction.atomic
def invitation_accept(*, invitation: Invitation, by: User) -> CoalitionMember:
    """The invited person (the account of their person, or of the invited address) accepts:
    they become a member with the role offered, and the one who invited is told. Refused
    once the invitation is answered, withdrawn or expired."""
    locked = _lock_open(invitation)
    if not rules.test_rule("invitations.answer_invitation", by, locked):
        raise PermissionRefused(
            _(
                "This invitation is for someone else: log in with the account of the "
                "address it was sent to."
            )
        )
    person = locked.person or person_ensure(user=by)
    member = member_add(
        coalition=locked.coalition,
        person=person,
        organisation=locked.organisation,
        role=locked.role,
        invited_by=locked.invited_by,
        by=by,
    )
    _decided(locked, InvitationState.ACCEPTED, invitation)
    audit_record(
        action=AuditAction.INVITATION_ACCEPTED,
        by=by,
        target=locked.coalition,
        invitation=locked.pk,
    )
    notification_send(
        kind=Notice.ACCEPTED,
        recipients=[locked.invited_by],
        url=locked.coalition.get_absolute_url(),
        context={"name": str(person), "coalition": locked.coalition.title},
        by=by,
    )
    return member


@transaction.atomic
def invitation_accept_with_signup(
    *,
    invitation: Invitation,
    first_name: str,
    last_name: str,
    password: str,
    language: str,
) -> User:
    """Someone not yet on the platform, who followed the link sent to their address, creates
    their account and accepts. The link proves the address, so the account acts at once.
    An address that has an account meanwhile is refused: its owner logs in instead."""
    if (reason := invitation_closed_reason(invitation)) is not None:
        raise BusinessError(reason)
    log_in = BusinessError(_("An account already uses this address: log in to accept."))
    if invitation.person_id is not None or not invitation.email:
        raise log_in
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise log_in
    try:
        with transaction.atomic():
            person = person_register(
                email=invitation.email,
                password=password,
                first_name=" ".join(first_name.split()),
                last_name=" ".join(last_name.split()),
                email_confirmed=True,
                language=language,
            )
    except IntegrityError as race:
        raise log_in from race
    invitation_accept(invitation=invitation, by=person.user)
    return person.user


@transaction.atomic
def invitation_decline(
    *, invitation: Invitation, by: User | AnonymousUser, holds_link: bool = False
) -> Invitation:
    """One click declines: the invited person, or whoever opened the link e-mailed to them
    (``holds_link``, which the view checked), without having to log in. The one who invited
    is told."""
    locked = _lock_open(invitation)
    if not holds_link and not rules.test_rule("invitations.answer_invitation", by, locked):
        raise PermissionRefused(_("This invitation is for someone else."))
    _decided(locked, InvitationState.DECLINED, invitation)
    actor = by if by.is_authenticated else None
    audit_record(
        action=AuditAction.INVITATION_DECLINED,
        by=actor,
        target=locked.coalition,
        invitation=locked.pk,
    )
    notification_send(
        kind=Notice.DECLINED,
        recipients=[locked.invited_by],
        url=locked.coalition.get_absolute_url(),
        context={"coalition": locked.coalition.title},
        by=actor,
    )
    return locked


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """A lead (or the programme's team) withdraws an invitation not answered yet: its link
    then opens a page that says so."""
    permission_require(
        by,
        "invitations.revoke_invitation",
        invitation,
        _("Only the coalition's leads may withdraw its invitations."),
    )
    locked = _lock_open(invitation)
    _decided(locked, InvitationState.REVOKED, invitation)
    audit_record(
        action=AuditAction.INVITATION_REVOKED,
        by=by,
        target=locked.coalition,
        invitation=locked.pk,
    )
    return locked


# Introductions --------------------------------------------------------------------------------


@transaction.atomic
def introduction_ask(
    *, by: User, a_person: Person, b_person: Person, note: str = ""
) -> Introduction:
    """Anyone signed in asks the platform to introduce two people who both accept to be
    contacted (one of them may be the asker, who then accepts at once). Each side is told and
    answers; their addresses are shared only once both accepted. One may ask
    ``ALLIAGE_INTRODUCTION_DAILY_LIMIT`` introductions a day, and the same two people once
    while an introduction of them is under way."""
    permission_require(by, "invitations.ask_introduction", None, _("Log in first."))
    if a_person.pk == b_person.pk:
        raise BusinessError(_("Choose two different people."), field="b_person")
    if not (_accepts_messages(a_person) and _accepts_messages(b_person)):
        raise BusinessError(_("Both people must accept to be contacted."), field="b_person")
    note = _clean_message(note)
    User.objects.select_for_update().filter(pk=by.pk).first()
    limit = introduction_daily_limit()
    since = timezone.now() - dt.timedelta(days=1)
    if Introduction.objects.filter(requested_by=by, created_at__gte=since).count() >= limit:
        raise BusinessError(
            ngettext(
                "You have asked for %(limit)s introduction in the last 24 hours, the most "
                "allowed: try again tomorrow.",
                "You have asked for %(limit)s introductions in the last 24 hours, the most "
                "allowed: try again tomorrow.",
                limit,
            )
            % {"limit": limit}
        )
    pair = Q(a_person=a_person, b_person=b_person) | Q(a_person=b_person, b_person=a_person)
    under_way = (
        Introduction.objects.filter(pair)
        .exclude(a_state=Answer.DECLINED)
        .exclude(b_state=Answer.DECLINED)
        .exclude(a_state=Answer.ACCEPTED, b_state=Answer.ACCEPTED)
    )
    if under_way.exists():
        raise BusinessError(_("An introduction of these two people is already under way."))
    now = timezone.now()
    introduction = Introduction(requested_by=by, a_person=a_person, b_person=b_person, note=note)
    for side, person in (("a", a_person), ("b", b_person)):
        if person.user_id == by.pk:
            setattr(introduction, f"{side}_state", Answer.ACCEPTED)
            setattr(introduction, f"{side}_decided_at", now)
    introduction.save()
    audit_record(action=AuditAction.INTRODUCTION_ASKED, by=by, target=introduction)
    asker = _name_of(by)
    for person, other in ((a_person, b_person), (b_person, a_person)):
        notification_send(
            kind=Notice.INTRODUCTION_ASKED,
            recipients=[person.user],
            url=introduction.get_absolute_url(),
            context={"name": asker, "other": str(other)},
            by=by,
        )
    return introduction


@transaction.atomic
def introduction_answer(*, introduction: Introduction, by: User, accept: bool) -> Introduction:
    """One side accepts or declines. Once both accepted, each is told and sees the other's
    address on the introduction's page; a decline ends it, and no address is ever shown."""
    locked = (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("a_person__user", "b_person__user", "requested_by")
        .get(pk=introduction.pk)
    )
    side = locked.side_of(by)
    if side is None or not rules.test_rule("invitations.answer_introduction", by, locked):
        raise PermissionRefused(_("This introduction does not wait for your answer."))
    setattr(locked, f"{side}_state", Answer.ACCEPTED if accept else Answer.DECLINED)
    setattr(locked, f"{side}_decided_at", timezone.now())
    locked.save(update_fields=[f"{side}_state", f"{side}_decided_at"])
    audit_record(
        action=AuditAction.INTRODUCTION_ACCEPTED if accept else AuditAction.INTRODUCTION_DECLINED,
        by=by,
        target=locked,
        side=side,
    )
    if locked.is_made:
        for person, other in (
            (locked.a_person, locked.b_person),
            (locked.b_person, locked.a_person),
        ):
            notification_send(
                kind=Notice.INTRODUCTION_MADE,
                recipients=[person.user],
                url=locked.get_absolute_url(),
                context={"other": str(other)},
            )
    return locked

"""Use cases on coalitions. Every write checks the permission with the user it is given,
locks the coalition row, writes, records the history and the audit entry, in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, Max, OuterRef, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.actors.models import Organisation, Person
from alliage.actors.services import acting_person
from alliage.core.errors import BusinessError, Conflict, PermissionRefused
from alliage.core.models import User
from alliage.core.predicates import memo_forget
from alliage.core.services import audit_record, model_validate, permission_require
from alliage.core.slugs import slug_unique
from alliage.core.text import one_line, one_line_fields
from alliage.follows.selectors import followers_of
from alliage.follows.services import follow_add
from alliage.notifications.services import notification_send

from .audit import AuditAction
from .diff import change_diff
from .models import (
    KIND_BITS,
    CanvasChange,
    CanvasDraft,
    Coalition,
    CoalitionMember,
    CoalitionStatus,
    JoinRequest,
    JoinRequestStatus,
    MemberRole,
    Milestone,
    MilestoneStatus,
    Programme,
)

CANVAS_FIELDS: tuple[str, ...] = (
    "title",
    "summary",
    "is_published",
    "diagnostic",
    "swot_strengths",
    "swot_weaknesses",
    "swot_opportunities",
    "swot_threats",
    "impact_statement",
    "target_date",
    "levers",
    "seeking",
    "evaluation",
    "members_notes",
    "content_language",
)
# Seen by the coalition's members and the programme team only.
PRIVATE_CANVAS_FIELDS = frozenset({"members_notes"})

TRANSITIONS: Mapping[str, frozenset[str]] = {
    CoalitionStatus.IDEA: frozenset({CoalitionStatus.FORMING, CoalitionStatus.CLOSED}),
    CoalitionStatus.FORMING: frozenset(
        {CoalitionStatus.ACTIVE, CoalitionStatus.IDEA, CoalitionStatus.CLOSED}
    ),
    CoalitionStatus.ACTIVE: frozenset({CoalitionStatus.EVALUATING, CoalitionStatus.CLOSED}),
    CoalitionStatus.EVALUATING: frozenset({CoalitionStatus.ACTIVE, CoalitionStatus.CLOSED}),
    CoalitionStatus.CLOSED: frozenset(),
}


@dataclass(frozen=True)
class MilestoneData:
    title: str
    due_date: dt.date | None = None
    status: str = MilestoneStatus.PLANNED


def allowed_transitions(status: str) -> list[str]:
    """The statuses a coalition may move to next, in lifecycle order."""
    order = list(CoalitionStatus.values)
    return sorted(TRANSITIONS[status], key=order.index)


def _require(user: User, perm: str, coalition: Coalition) -> None:
    permission_require(
        user, perm, coalition, _("You are not allowed to do this on this coalition.")
    )


def _lock(coalition: Coalition) -> Coalition:
    return Coalition.objects.select_for_update().get(pk=coalition.pk)


def _next_revision(coalition: Coalition) -> int:
    last = coalition.changes.aggregate(last=Max("revision"))["last"]
    return (last or 0) + 1


def _as_stored(value: Any) -> str:
    """History keeps raw values (ISO dates, codes, true/false); the history page translates
    them into the reader's language."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def milestones_as_stored(milestones: Sequence[MilestoneData | Milestone]) -> str:
    """The path as JSON (title, ISO due date, status code), one milestone per entry."""
    return json.dumps(
        [
            {
                "title": m.title,
                "due_date": m.due_date.isoformat() if m.due_date else None,
                "status": m.status,
            }
            for m in milestones
        ],
        ensure_ascii=False,
    )


RESERVED_SLUGS = frozenset({"new"})


def coalition_slug(title: str) -> str:
    """A free slug for a new coalition (calls and matching create coalitions too)."""
    return slug_unique(
        Coalition.objects.all(), title, fallback="coalition", reserved=RESERVED_SLUGS
    )


@transaction.atomic
def coalition_propose(
    *,
    programme: Programme,
    by: User,
    title: str,
    summary: str = "",
    diagnostic: str = "",
    impact_statement: str = "",
    organisation: Organisation | None = None,
    slug: str = "",
    content_language: str = "",
) -> Coalition:
    """Anyone signed in may propose a coalition: it starts as an idea, unpublished until the
    proposer publishes it, with the proposer as lead. ``slug`` keeps an identifier the caller
    already uses (an import, the demo's seed) when it is free; else it comes from the title."""
    if not by.has_perm("coalitions.propose_coalition", programme):
        raise PermissionRefused(_("Sign in to propose a coalition."))
    person = acting_person(user=by, organisation=organisation)
    coalition = Coalition(
        programme=programme,
        title=one_line(title),
        summary=summary,
        diagnostic=diagnostic,
        impact_statement=impact_statement,
        content_language=content_language or "fr",
        status=CoalitionStatus.IDEA,
        is_published=False,
    )
    model_validate(coalition, exclude=("programme", "slug"))
    coalition.slug = coalition_slug(slug or title)
    coalition.save()
    CoalitionMember.objects.create(
        coalition=coalition, person=person, organisation=organisation, role=MemberRole.LEAD
    )
    audit_record(action=AuditAction.PROPOSED, by=by, target=coalition)
    return coalition


class StaleEdit(Conflict):
    """The canvas changed since the editor opened it."""


def _stale_check(coalition: Coalition, base_revision: int | None) -> int:
    """The revision this edit will be; refused if someone saved since ``base_revision``, the
    revision the editor started from, rather than silently overwriting their work."""
    revision = _next_revision(coalition)
    if base_revision is not None and base_revision != revision - 1:
        raise StaleEdit(
            _(
                "Someone else saved this canvas while you were editing it. "
                "Your text is still in the form: review the history, then save again."
            )
        )
    return revision


def _canvas_diff(coalition: Coalition, data: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The canvas fields of ``data`` that differ from the coalition's, as (before, after), in
    the order given; only canvas fields may change here."""
    unknown = set(data) - set(CANVAS_FIELDS)
    if unknown:
        raise BusinessError(
            _("These fields cannot be changed here: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    return {
        field: (getattr(coalition, field), value)
        for field, value in data.items()
        if getattr(coalition, field) != value
    }


def _milestones_replace(
    coalition: Coalition, milestones: Sequence[MilestoneData]
) -> tuple[str, str] | None:
    """Replace the path of milestones when it differs (positions follow the given order);
    the path before and after as stored in the history, or None when nothing changed."""
    milestones = [
        MilestoneData(title=one_line(m.title), due_date=m.due_date, status=m.status)
        for m in milestones
    ]
    before = milestones_as_stored(list(coalition.milestones.all()))
    after = milestones_as_stored(milestones)
    if before == after:
        return None
    coalition.milestones.all().delete()
    Milestone.objects.bulk_create(
        Milestone(
            coalition=coalition, title=m.title, due_date=m.due_date, status=m.status, position=i
        )
        for i, m in enumerate(milestones)
    )
    return before, after


@transaction.atomic
def coalition_update_canvas(
    *,
    coalition: Coalition,
    by: User,
    data: Mapping[str, Any],
    milestones: Sequence[MilestoneData] | None = None,
    base_revision: int | None = None,
) -> list[CanvasChange]:
    """Change canvas fields and, optionally, replace the path of milestones.

    Each changed field is recorded with its value before and after under one new revision.
    ``base_revision`` is the revision the editor started from: if someone saved in between,
    the edit is refused rather than silently overwriting their work."""
    _require(by, "coalitions.edit_coalition", coalition)
    locked = _lock(coalition)
    revision = _stale_check(locked, base_revision)
    diff = _canvas_diff(locked, one_line_fields(data, "title"))
    if locked.hidden_by_moderation and diff.get("is_published", (False, False))[1]:
        raise BusinessError(
            _("The moderators hid this coalition: it can be published again once they decide."),
            field="is_published",
        )
    # Set, not saved yet: the whole canvas is validated below, before anything is saved.
    # (``model_update`` would save each change before that validation.)
    for field, (_before, after) in diff.items():
        setattr(locked, field, after)
    stored = {field: (_as_stored(b), _as_stored(a)) for field, (b, a) in diff.items()}
    if milestones is not None and (path := _milestones_replace(locked, milestones)):
        stored["milestones"] = path
    # Saving spends the editor's draft: what they typed is now the canvas (or was already).
    CanvasDraft.objects.filter(coalition=locked, author=by).delete()
    if not stored:
        return []
    model_validate(locked, exclude=("programme", "slug", "status"))
    locked.save()  # a new path alone is a change of the canvas too: it moves updated_at
    changes = CanvasChange.objects.bulk_create(
        CanvasChange(
            coalition=locked,
            by=by,
            revision=revision,
            field=field,
            before=before,
            after=after,
            diff=change_diff(field, before, after),
        )
        for field, (before, after) in stored.items()
    )
    audit_record(
        action=AuditAction.CANVAS_CHANGED,
        by=by,
        target=locked,
        revision=revision,
        fields=list(stored),
    )
    _canvas_tell(coalition=locked, by=by, stored=stored)
    return changes


# A draft holds the editor's fields as typed: the canvas's texts, its milestones and a few
# hidden fields. More than this is no draft of a canvas.
CANVAS_DRAFT_MAX_CHARS = 400_000
CANVAS_DRAFT_MAX_FIELDS = 400
# Unsaved drafts are forgotten this long after their author last typed in them.
CANVAS_DRAFT_KEPT = dt.timedelta(days=30)


def canvas_draft_keep(
    *, coalition: Coalition, by: User, data: Mapping[str, str], base_revision: int | None
) -> CanvasDraft | None:
    """Keep what ``by`` is typing in the canvas editor (the posted fields, as strings), without
    touching the canvas: nothing is published, nobody is told, the history does not move.
    One draft per editor and coalition; ``base_revision`` is the revision their editor
    started from, so that saving the draft later still refuses to overwrite a newer save.
    None when ``by`` saved the canvas since that revision: nothing is kept."""
    _require(by, "coalitions.edit_coalition", coalition)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise BusinessError(_("A draft holds text only."))
    if any("\x00" in k or "\x00" in v for k, v in data.items()):
        # No keyboard types it, and PostgreSQL cannot store it in JSON.
        raise BusinessError(_("NUL characters (\\u0000) are not accepted."))
    size = sum(len(k) + len(v) for k, v in data.items())
    if len(data) > CANVAS_DRAFT_MAX_FIELDS or size > CANVAS_DRAFT_MAX_CHARS:
        raise BusinessError(_("This draft is too long to be kept."))
    current = _next_revision(coalition) - 1
    if base_revision is None or not 0 <= base_revision <= current:
        base_revision = current
    elif (
        base_revision < current
        and coalition.changes.filter(by=by, revision__gt=base_revision).exists()
    ):
        # They saved since this editor opened (the save's redirect outran a last keystroke,
        # or another tab): what this page holds is already in the canvas or older than it.
        return None
    draft, _created = CanvasDraft.objects.update_or_create(
        coalition=coalition,
        author=by,
        defaults={"data": dict(data), "base_revision": base_revision},
    )
    return draft


def canvas_draft_discard(*, coalition: Coalition, by: User) -> bool:
    """Forget ``by``'s draft of this canvas; True when there was one."""
    deleted, _rows = CanvasDraft.objects.filter(coalition=coalition, author=by).delete()
    return bool(deleted)


def canvas_drafts_expire(*, now: dt.datetime | None = None) -> int:
    """Forget drafts nobody typed in for ``CANVAS_DRAFT_KEPT`` (a worker sweep)."""
    cutoff = (now or timezone.now()) - CANVAS_DRAFT_KEPT
    deleted, _rows = CanvasDraft.objects.filter(updated_at__lt=cutoff).delete()
    return deleted


def _canvas_tell(*, coalition: Coalition, by: User, stored: Mapping[str, tuple[str, str]]) -> None:
    """Tell the coalition's followers that its canvas changed (which parts) and of each new
    milestone. The members' notes are private: a change to them alone tells nobody, and
    their name is never in the message. An unpublished coalition tells its members only."""
    public = [field for field in stored if field not in PRIVATE_CANVAS_FIELDS]
    if not public:
        return
    followers = followers_of(coalition)
    if not coalition.is_published:
        followers = followers.filter(person__coalition_roles__coalition=coalition)
    followers = list(followers)
    if not followers:
        return
    url = coalition.get_absolute_url()
    notification_send(
        kind=Notice.CANVAS_CHANGED,
        recipients=followers,
        url=f"{url}history/",
        context={"coalition": coalition.title, "fields": public},
        by=by,
    )
    if "milestones" in stored:
        before, after = (json.loads(value or "[]") for value in stored["milestones"])
        known = {m["title"] for m in before}
        for milestone in after:
            if milestone["title"] not in known:
                notification_send(
                    kind=Notice.MILESTONE_ADDED,
                    recipients=followers,
                    url=url,
                    context={"coalition": coalition.title, "milestone": milestone["title"]},
                    by=by,
                )


@transaction.atomic
def coalition_transition(*, coalition: Coalition, by: User, to: str) -> Coalition:
    """Move a coalition along its lifecycle: idea → forming → active → evaluating → closed,
    with the steps back listed in TRANSITIONS. This is the only way its status changes."""
    _require(by, "coalitions.transition_coalition", coalition)
    locked = _lock(coalition)
    labels = dict(CoalitionStatus.choices)
    if to not in labels:
        raise BusinessError(_("Unknown status."), field="status")
    if to not in TRANSITIONS[locked.status]:
        allowed = allowed_transitions(locked.status)
        raise BusinessError(
            _("A coalition cannot go from “%(from)s” to “%(to)s”. %(allowed)s")
            % {
                "from": labels[locked.status],
                "to": labels[to],
                "allowed": (
                    _("From here it can go to: %(list)s.")
                    % {"list": ", ".join(str(labels[s]) for s in allowed)}
                    if allowed
                    else _("A closed coalition stays closed.")
                ),
            },
            field="status",
        )
    before = locked.status
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    CanvasChange.objects.create(
        coalition=locked,
        by=by,
        revision=_next_revision(locked),
        field="status",
        before=before,
        after=to,
    )
    audit_record(action=AuditAction.STATUS_CHANGED, by=by, target=locked, before=before, after=to)
    coalition.status = locked.status
    return locked


@transaction.atomic
def join_request_create(
    *, coalition: Coalition, by: User, organisation: Organisation | None, message: str = ""
) -> JoinRequest:
    """Ask to join a coalition, in one's own name or for one of one's organisations.
    One pending request per person and coalition; asking twice returns the same request."""
    _require(by, "coalitions.request_join", coalition)
    person = acting_person(user=by, organisation=organisation)
    existing = JoinRequest.objects.filter(
        coalition=coalition, person=person, status=JoinRequestStatus.PENDING
    ).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            request = JoinRequest.objects.create(
                coalition=coalition, person=person, organisation=organisation, message=message
            )
    except IntegrityError:  # a second tab won the race: same outcome
        return JoinRequest.objects.get(
            coalition=coalition, person=person, status=JoinRequestStatus.PENDING
        )
    audit_record(action=AuditAction.JOIN_REQUESTED, by=by, target=coalition)
    notification_send(
        kind=Notice.JOIN_REQUESTED,
        recipients=_member_users(coalition, role=MemberRole.LEAD),
        url=coalition.get_absolute_url(),
        context={"name": str(person), "coalition": coalition.title},
        by=by,
    )
    return request


class Notice:
    """The kinds of notification this app sends (declared in ``hooks.py``)."""

    JOIN_REQUESTED = "coalitions.join_requested"
    JOIN_ACCEPTED = "coalitions.join_accepted"
    JOIN_DECLINED = "coalitions.join_declined"
    MEMBER_JOINED = "coalitions.member_joined"
    CANVAS_CHANGED = "coalitions.canvas_changed"
    MILESTONE_ADDED = "coalitions.milestone_added"
    MILESTONE_DUE = "coalitions.milestone_due"
    MILESTONE_OVERDUE = "coalitions.milestone_overdue"


def coalition_leads(coalition: Coalition) -> list[User]:
    """The active accounts of the coalition's leads."""
    return _member_users(coalition, role=MemberRole.LEAD)


def _member_users(coalition: Coalition, *, role: str | None = None) -> list[User]:
    """The active accounts of the coalition's members (of one role), for a notification."""
    members = CoalitionMember.objects.filter(coalition=coalition, person__user__is_active=True)
    if role is not None:
        members = members.filter(role=role)
    return list(User.objects.filter(pk__in=members.values("person__user")))


@transaction.atomic
def join_request_withdraw(*, join_request: JoinRequest, by: User) -> JoinRequest:
    """The person who asked to join takes the request back while it waits for an answer;
    nobody else can, and an answered request stays as answered."""
    locked = (
        JoinRequest.objects.select_for_update().select_related("person").get(pk=join_request.pk)
    )
    if not by.is_authenticated or locked.person.user_id != by.pk:
        raise BusinessError(_("Only the person who asked can withdraw this request."))
    if locked.status != JoinRequestStatus.PENDING:
        raise BusinessError(_("This request has already been answered."))
    locked.status = JoinRequestStatus.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    audit_record(action=AuditAction.JOIN_WITHDRAWN, by=by, target=locked.coalition)
    return locked


@transaction.atomic
def join_request_decide(
    *, join_request: JoinRequest, by: User, accept: bool, role: str = MemberRole.MEMBER
) -> JoinRequest:
    """A lead or the programme team accepts (the person becomes a member) or declines."""
    coalition = join_request.coalition
    _require(by, "coalitions.decide_join", coalition)
    _lock(coalition)
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if locked.status != JoinRequestStatus.PENDING:
        raise BusinessError(_("This request has already been answered."))
    if role not in MemberRole.values:
        raise BusinessError(_("Unknown role."), field="role")
    locked.status = JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save()
    if accept:
        CoalitionMember.objects.get_or_create(
            coalition=coalition,
            person=locked.person,
            defaults={"organisation": locked.organisation, "role": role},
        )
    audit_record(
        action=AuditAction.JOIN_ACCEPTED if accept else AuditAction.JOIN_DECLINED,
        by=by,
        target=coalition,
        person=locked.person_id,
    )
    requester = locked.person.user
    notification_send(
        kind=Notice.JOIN_ACCEPTED if accept else Notice.JOIN_DECLINED,
        recipients=[requester],
        url=coalition.get_absolute_url(),
        context={"coalition": coalition.title},
        by=by,
    )
    if accept:
        follow_add(user=requester, obj=coalition, check=False)
        notification_send(
            kind=Notice.MEMBER_JOINED,
            recipients=[u for u in _member_users(coalition) if u.pk != requester.pk],
            url=coalition.get_absolute_url(),
            context={"name": str(locked.person), "coalition": coalition.title},
            by=by,
        )
    return locked


@transaction.atomic
def member_add(
    *,
    coalition: Coalition,
    person: Person,
    organisation: Organisation | None,
    role: str,
    invited_by: User,
    by: User,
) -> CoalitionMember:
    """``person`` (the account ``by``) accepts an invitation ``invited_by`` sent: they
    become a member, on behalf of ``organisation`` if they still belong to it, and follow
    the coalition. Refused when the one who invited may no longer decide who joins, or when
    the coalition is closed. Accepting when already a member changes nothing."""
    permission_require(
        invited_by,
        "coalitions.decide_join",
        coalition,
        _("This invitation is no longer valid: whoever sent it no longer leads the coalition."),
    )
    locked = _lock(coalition)
    if locked.is_closed:
        raise BusinessError(_("This coalition is closed: it takes no new members."))
    if role not in MemberRole.values:
        raise BusinessError(_("Unknown role."), field="role")
    if (
        organisation is not None
        and not person.affiliations.filter(organisation=organisation).exists()
    ):
        organisation = None
    member, created = CoalitionMember.objects.get_or_create(
        coalition=coalition,
        person=person,
        defaults={"organisation": organisation, "role": role},
    )
    if not created:
        return member
    audit_record(
        action=AuditAction.JOIN_ACCEPTED,
        by=by,
        target=coalition,
        person=person.pk,
        invited_by=invited_by.pk,
        via="invitation",
    )
    follow_add(user=by, obj=coalition, check=False)
    notification_send(
        kind=Notice.MEMBER_JOINED,
        recipients=[u for u in _member_users(coalition) if u.pk != by.pk],
        url=coalition.get_absolute_url(),
        context={"name": str(person), "coalition": coalition.title},
        by=by,
    )
    return member


def _keeps_a_lead(coalition: Coalition, leaving: CoalitionMember) -> bool:
    return (
        leaving.role != MemberRole.LEAD
        or coalition.members.filter(role=MemberRole.LEAD).exclude(pk=leaving.pk).exists()
    )


def _no_lead_left(member: CoalitionMember, by: User) -> BusinessError:
    if member.person.user_id == by.pk:
        return BusinessError(
            _(
                "You are this coalition's only lead: name another lead before you leave "
                "or take another role."
            ),
            field="role",
        )
    return BusinessError(_("A coalition needs a lead: name another lead first."), field="role")


def member_removal_refusal(*, member: CoalitionMember, by: User) -> str | None:
    """Why removing this member (or leaving, for oneself) would be refused, or None: the
    confirmation page says it before anyone confirms."""
    if not _keeps_a_lead(member.coalition, member):
        return _no_lead_left(member, by).message
    return None


@transaction.atomic
def member_change_role(*, member: CoalitionMember, by: User, role: str) -> CoalitionMember:
    """A lead or the programme team changes a member's role; a coalition keeps a lead."""
    coalition = member.coalition
    _require(by, "coalitions.decide_join", coalition)
    _lock(coalition)
    if role not in MemberRole.values:
        raise BusinessError(_("Unknown role."), field="role")
    locked = CoalitionMember.objects.select_for_update().get(pk=member.pk)
    if role != MemberRole.LEAD and not _keeps_a_lead(coalition, locked):
        raise _no_lead_left(locked, by)
    before = locked.role
    locked.role = role
    locked.save(update_fields=["role"])
    audit_record(
        action=AuditAction.ROLE_CHANGED,
        by=by,
        target=coalition,
        person=locked.person_id,
        before=before,
        after=role,
    )
    return locked


@transaction.atomic
def member_remove(*, member: CoalitionMember, by: User) -> None:
    """A member leaves, or a lead or the programme team removes them; the last lead stays."""
    coalition = member.coalition
    if member.person.user_id != by.pk:
        _require(by, "coalitions.decide_join", coalition)
    _lock(coalition)
    locked = CoalitionMember.objects.select_for_update().get(pk=member.pk)
    if not _keeps_a_lead(coalition, locked):
        raise _no_lead_left(locked, by)
    locked.delete()
    audit_record(
        action=AuditAction.MEMBER_REMOVED,
        by=by,
        target=coalition,
        person=locked.person_id,
    )


# Programmes (the team's area) ----------------------------------------------------------------

PROGRAMME_FIELDS: tuple[str, ...] = (
    "name",
    "kind",
    "tagline",
    "description",
    "starts_on",
    "ends_on",
    "content_language",
)


# The team's programme pages are /team/programmes/<slug>/…, beside these.
PROGRAMME_RESERVED_SLUGS = frozenset({"new", "requests"})


def _programme_dates_check(data: Mapping[str, Any]) -> None:
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        raise BusinessError(_("A programme cannot end before it starts."), field="ends_on")


@transaction.atomic
def programme_create(*, by: User, data: Mapping[str, Any]) -> Programme:
    """A team member (or an administrator) opens a programme; they become its team, and it
    comes last in the order."""
    permission_require(
        by, "coalitions.create_programme", None, _("You are not allowed to create a programme.")
    )
    values = one_line_fields(
        {field: data[field] for field in PROGRAMME_FIELDS if field in data}, "name", "tagline"
    )
    _programme_dates_check(values)
    last = Programme.objects.aggregate(last=Max("position"))["last"]
    programme = Programme(
        slug=slug_unique(
            Programme.objects.all(),
            values.get("name", ""),
            fallback="programme",
            reserved=PROGRAMME_RESERVED_SLUGS,
        ),
        position=(last or 0) + 1,
        **values,
    )
    programme.full_clean()
    programme.save()
    programme.team.add(by)
    memo_forget(by, "coalitions.team_programme_ids")
    audit_record(action=AuditAction.PROGRAMME_CREATED, by=by, target=programme)
    return programme


def _require_programme(user: User, programme: Programme) -> None:
    permission_require(
        user,
        "coalitions.edit_programme",
        programme,
        _("Only the programme's team may change it."),
    )


@transaction.atomic
def programme_update(*, programme: Programme, by: User, data: Mapping[str, Any]) -> list[str]:
    """The programme's team changes its name, kind, texts or dates (its address stays)."""
    _require_programme(by, programme)
    values = one_line_fields(
        {field: data[field] for field in PROGRAMME_FIELDS if field in data}, "name", "tagline"
    )
    _programme_dates_check(values)
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    for field, value in values.items():
        setattr(locked, field, value)
    locked.full_clean()
    changed = [f for f in values if getattr(programme, f) != values[f]]
    if changed:
        locked.save(update_fields=[*changed, "updated_at"])
        audit_record(action=AuditAction.PROGRAMME_CHANGED, by=by, target=locked, fields=changed)
    return changed


@transaction.atomic
def programme_move(*, programme: Programme, by: User, direction: str) -> Programme:
    """Move a programme one place up or down the order every list follows. The positions are
    renumbered 1, 2, 3… first, so that programmes sharing a position move too."""
    _require_programme(by, programme)
    if direction not in ("up", "down"):
        raise BusinessError(_("Choose to move the programme up or down."))
    ordered = list(
        Programme.objects.select_for_update()
        .filter(archived_at__isnull=True)
        .order_by("position", "name", "pk")
    )
    index = next((i for i, p in enumerate(ordered) if p.pk == programme.pk), None)
    if index is None:
        raise BusinessError(_("An archived programme has no place in the order."))
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return programme
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        item.position = position
    Programme.objects.bulk_update(ordered, ["position"])
    audit_record(action=AuditAction.PROGRAMME_MOVED, by=by, target=programme, direction=direction)
    return next(p for p in ordered if p.pk == programme.pk)


@transaction.atomic
def programme_archive(*, programme: Programme, by: User, archive: bool = True) -> Programme:
    """Archive a programme (it leaves the public lists and the home page, its page and its
    coalitions stay), or bring it back."""
    _require_programme(by, programme)
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if archive == locked.is_archived:
        return locked
    locked.archived_at = timezone.now() if archive else None
    locked.save(update_fields=["archived_at", "updated_at"])
    audit_record(
        action=AuditAction.PROGRAMME_ARCHIVED if archive else AuditAction.PROGRAMME_RESTORED,
        by=by,
        target=locked,
    )
    return locked


# Kept data ----------------------------------------------------------------------------------


@transaction.atomic
def coalition_kinds_refresh(*, coalitions: QuerySet[Coalition] | None = None) -> int:
    """Set ``kinds_present`` (one bit per organisation kind, ``KIND_BITS``) of these
    coalitions from their members who come on behalf of an organisation; every coalition
    when ``coalitions`` is None (after a bulk load: ``alliage rebuild_coalition_kinds``).
    ``signals`` calls it after every change of a member or of an organisation's kind,
    whichever app or page made it. Returns how many coalitions were written.

    The rows are locked first, in the order of their keys: a member added at the same time
    in another transaction waits for this one, and its own update (a statement of its own,
    which reads what was committed meanwhile) counts both."""
    if coalitions is None:
        targets = Coalition.objects.all()
    else:
        ids = list(
            Coalition.objects.filter(pk__in=coalitions.values("pk"))
            .select_for_update()
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        targets = Coalition.objects.filter(pk__in=ids)
    kind_bit = Case(
        *(When(organisation__kind=kind, then=Value(value)) for kind, value in KIND_BITS.items()),
        default=Value(0),
        output_field=IntegerField(),
    )
    mask = (
        CoalitionMember.objects.filter(coalition=OuterRef("pk"), organisation__isnull=False)
        .order_by()
        .values("coalition")
        .annotate(mask=Sum(kind_bit, distinct=True))
        .values("mask")
    )
    return targets.update(
        kinds_present=Coalesce(Subquery(mask, output_field=IntegerField()), Value(0))
    )


@transaction.atomic
def coalition_set_hidden(*, coalition: Coalition, hidden: bool) -> Coalition:
    """Moderation's lever on a published coalition: hidden, it is unpublished and its leads
    may not publish it again; shown again, it is published. Moderation checks who decides,
    records why and tells its leads."""
    locked = _lock(coalition)
    locked.hidden_by_moderation = hidden
    locked.is_published = not hidden
    locked.save(update_fields=["hidden_by_moderation", "is_published", "updated_at"])
    coalition.hidden_by_moderation, coalition.is_published = hidden, not hidden
    return locked


def milestone_reminders_send(now: dt.datetime) -> int:
    """Tell the leads of each milestone due within a week, and again once it is overdue
    (neither done nor dropped): once each, however often this runs (the key holds the
    milestone's coalition, title and date, which a canvas save keeps)."""
    today = timezone.localdate(now)
    milestones = (
        Milestone.objects.filter(
            due_date__isnull=False,
            due_date__lte=today + dt.timedelta(days=7),
            due_date__gte=today - dt.timedelta(days=30),
        )
        .exclude(status__in=(MilestoneStatus.DONE, MilestoneStatus.DROPPED))
        .exclude(coalition__status=CoalitionStatus.CLOSED)
        .select_related("coalition")
    )
    made = 0
    for milestone in milestones:
        overdue = milestone.due_date < today
        coalition = milestone.coalition
        made += len(
            notification_send(
                kind=Notice.MILESTONE_OVERDUE if overdue else Notice.MILESTONE_DUE,
                recipients=_member_users(coalition, role=MemberRole.LEAD),
                url=coalition.get_absolute_url(),
                context={
                    "coalition": coalition.title,
                    "milestone": milestone.title,
                    "date": milestone.due_date.isoformat(),
                },
                once=f"{coalition.pk}:{milestone.title}:{milestone.due_date.isoformat()}",
            )
        )
    return made

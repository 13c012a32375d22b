"""Writes of assemblies. Each use case re-checks its permission and its rules under lock, in one
transaction: a refusal raises ``BusinessError`` with a message for people and writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alliage.actors.models import Organisation, Person
from alliage.actors.selectors import (
    memberships_in_good_standing,
    person_for_user,
    person_is_affiliated,
)
from alliage.agenda.models import Event
from alliage.core.errors import BusinessError
from alliage.core.models import User
from alliage.core.services import audit_record, model_validate, permission_require

from . import selectors
from .audit import AuditAction
from .models import (
    Assembly,
    Attendance,
    Motion,
    MotionKind,
    MotionStatus,
    OpenVote,
    Option,
    OptionMeaning,
    Participation,
    Proxy,
    Voter,
)

SETTINGS = ("cutoff_on", "weighted", "quorum_percent", "quorum_basis", "second_convocation",
            "proxy_cap")  # fmt: skip
# What a frozen roll fixes: changing these would change who votes and with what weight.
ROLL_SETTINGS = frozenset({"cutoff_on", "weighted"})


@transaction.atomic
def assembly_save(*, event: Event, by: User, **values: object) -> Assembly:
    """Make ``event`` an assembly, or change its settings (``SETTINGS``)."""
    permission_require(by, "agenda.manage_event", event)
    assembly = Assembly.objects.select_for_update().filter(event=event).first()
    unknown = set(values) - set(SETTINGS)
    if unknown:
        raise ValueError(f"Unknown assembly settings: {sorted(unknown)}")
    if assembly is None:
        assembly = Assembly(event=event, **values)
        changed = sorted(values)
    else:
        changed = [k for k, v in values.items() if getattr(assembly, k) != v]
        if assembly.roll_frozen_at and ROLL_SETTINGS & set(changed):
            raise BusinessError(
                _("The roll is frozen: its cut-off date and its weights can no longer change."),
                field=sorted(ROLL_SETTINGS & set(changed))[0],
            )
        for k in changed:
            setattr(assembly, k, values[k])
    model_validate(assembly)
    assembly.save()
    if changed:
        audit_record(action=AuditAction.ASSEMBLY_SAVED, by=by, target=assembly, fields=changed)
    return assembly


def _lock(assembly: Assembly) -> Assembly:
    return Assembly.objects.select_for_update().select_related("event").get(pk=assembly.pk)


def _before_voting(assembly: Assembly, message: str) -> None:
    if selectors.voting_started(assembly):
        raise BusinessError(message)


@transaction.atomic
def roll_freeze(*, assembly: Assembly, by: User) -> int:
    """Freeze the voter roll from the memberships in good standing on the cut-off date: one
    line per member (the best of its tiers, where votes are weighted), cast by the member
    themself or by the person an organisation designated. Frozen again only while nobody has
    checked in or given a proxy; returns the number of voters."""
    permission_require(by, "assembly.run_assembly", assembly)
    assembly = _lock(assembly)
    if assembly.roll_frozen_at is not None and (
        assembly.proxies.exists()
        or assembly.voters.exclude(attendance=Attendance.ABSENT).exists()
        or selectors.voting_started(assembly)
    ):
        raise BusinessError(
            _("People have checked in or given proxies: the roll can no longer be rebuilt.")
        )
    lines: dict[tuple[str, int], Voter] = {}
    memberships = memberships_in_good_standing(on=assembly.cutoff_on).select_related(
        "tier", "organisation", "person", "representative"
    )
    for m in memberships.order_by("pk"):
        key = ("o", m.organisation_id) if m.organisation_id else ("p", m.person_id)
        weight = m.tier.votes if assembly.weighted else 1
        if key in lines:
            lines[key].weight = max(lines[key].weight, weight)
            continue
        if m.organisation_id:
            voter = Voter(
                membership=m,
                organisation=m.organisation,
                person=_designated(m.organisation, m.representative),
                name=m.organisation.name,
            )
        else:
            voter = Voter(membership=m, person=m.person, name=m.person.full_name)
        voter.assembly, voter.weight = assembly, weight
        lines[key] = voter
    assembly.voters.all().delete()
    Voter.objects.bulk_create(lines.values())
    assembly.roll_frozen_at = timezone.now()
    assembly.save(update_fields=["roll_frozen_at", "updated_at"])
    audit_record(action=AuditAction.ROLL_FROZEN, by=by, target=assembly, voters=len(lines))
    return len(lines)


def _designated(organisation: Organisation, person: Person | None) -> Person | None:
    """The designated person, if still one of the organisation's people."""
    if person is None or not person_is_affiliated(person=person, organisation=organisation):
        return None
    return person


@transaction.atomic
def voter_designate(*, voter: Voter, person: Person, by: User) -> Voter:
    """The chair sets who casts an organisation's votes: one of its people."""
    permission_require(by, "assembly.run_assembly", voter.assembly)
    voter = Voter.objects.select_for_update().select_related("assembly").get(pk=voter.pk)
    _before_voting(voter.assembly, _("Voting has started: the voters are fixed."))
    if voter.organisation_id is None or _designated(voter.organisation, person) is None:
        raise BusinessError(_("Choose one of the organisation's people."), field="person")
    if voter.is_present:
        raise BusinessError(_("This voter has checked in: check them out first."))
    voter.person = person
    voter.save(update_fields=["person"])
    audit_record(action=AuditAction.VOTER_DESIGNATED, by=by, target=voter.assembly,
                 voter=voter.pk, person=person.pk)  # fmt: skip
    return voter


def _acts_for(voter: Voter, by: User) -> bool:
    """The chair acts for any line of the roll; a person for the lines they cast."""
    if by.has_perm("assembly.run_assembly", voter.assembly):
        return True
    person = person_for_user(user=by)
    return person is not None and voter.person_id == person.pk


def _lock_voter(voter: Voter) -> Voter:
    return Voter.objects.select_for_update().select_related("assembly__event").get(pk=voter.pk)


@transaction.atomic
def check_in(*, voter: Voter, by: User, mode: str, now: dt.datetime | None = None) -> Voter:
    """A voter arrives, in person or online; the chair checks anyone in. A voter who had
    given a proxy takes their vote back, as long as no ballot has opened."""
    voter = _lock_voter(voter)
    if not _acts_for(voter, by):
        raise BusinessError(_("You may check in only yourself."))
    if mode not in (Attendance.IN_PERSON, Attendance.ONLINE):
        raise BusinessError(_("Choose in person or online."), field="mode")
    if voter.person_id is None:
        raise BusinessError(_("This organisation has designated nobody to vote yet."))
    if not selectors.checkin_open(voter.assembly, now):
        raise BusinessError(_("Check-in opens two hours before the assembly starts."))
    given = Proxy.objects.filter(giver=voter, revoked_at__isnull=True).first()
    if given is not None:
        _before_voting(
            voter.assembly, _("You gave a proxy and voting has started: your holder votes for you.")
        )
        given.revoked_at = timezone.now()
        given.save(update_fields=["revoked_at"])
        audit_record(action=AuditAction.PROXY_REVOKED, by=by, target=voter.assembly,
                     proxy=given.pk, reason="checked_in")  # fmt: skip
    voter.attendance, voter.checked_in_at, voter.left_at = mode, timezone.now(), None
    voter.save(update_fields=["attendance", "checked_in_at", "left_at"])
    audit_record(action=AuditAction.CHECKED_IN, by=by, target=voter.assembly, voter=voter.pk,
                 mode=mode)  # fmt: skip
    return voter


@transaction.atomic
def check_out(*, voter: Voter, by: User) -> Voter:
    """A voter leaves; the proxies they hold leave with them (no longer represented)."""
    voter = _lock_voter(voter)
    if not _acts_for(voter, by):
        raise BusinessError(_("You may check out only yourself."))
    if not voter.is_present:
        raise BusinessError(_("This voter is not checked in."))
    voter.attendance, voter.left_at = Attendance.ABSENT, timezone.now()
    voter.save(update_fields=["attendance", "left_at"])
    audit_record(action=AuditAction.CHECKED_OUT, by=by, target=voter.assembly, voter=voter.pk)
    return voter


@transaction.atomic
def proxy_give(*, giver: Voter, holder: Voter, by: User) -> Proxy:
    """A voter who cannot attend lets another voter of the roll vote for them, within the
    assembly's cap of proxies per holder, until the first ballot opens."""
    if giver.pk == holder.pk:
        raise BusinessError(_("Give your proxy to another voter."), field="holder")
    if giver.assembly_id != holder.assembly_id:
        raise BusinessError(_("This voter is not on this assembly's roll."), field="holder")
    # Lock both lines in a fixed order, so two proxies crossing each other cannot deadlock.
    locked = {v.pk: v for v in Voter.objects.select_for_update().select_related(
        "assembly__event").filter(pk__in=(giver.pk, holder.pk)).order_by("pk")}  # fmt: skip
    giver, holder = locked[giver.pk], locked[holder.pk]
    assembly = giver.assembly
    if not _acts_for(giver, by):
        raise BusinessError(_("Only the voter or the chair may give this proxy."))
    _before_voting(assembly, _("Voting has started: proxies can no longer be given."))
    if giver.is_present:
        raise BusinessError(_("You are checked in: you vote yourself."))
    if Proxy.objects.filter(giver=giver, revoked_at__isnull=True).exists():
        raise BusinessError(_("This proxy is already given: revoke it first."))
    if Proxy.objects.filter(holder=giver, revoked_at__isnull=True).exists():
        raise BusinessError(_("You hold proxies of others: you cannot give yours."))
    if holder.person_id is None:
        raise BusinessError(_("This member has designated nobody to vote yet."), field="holder")
    if Proxy.objects.filter(giver=holder, revoked_at__isnull=True).exists():
        raise BusinessError(_("This voter has given their own proxy."), field="holder")
    held = Proxy.objects.filter(holder=holder, revoked_at__isnull=True).count()
    if held >= assembly.proxy_cap:
        raise BusinessError(
            _("This voter already holds %(cap)s proxies, the most this assembly allows.")
            % {"cap": assembly.proxy_cap},
            field="holder",
        )
    proxy = Proxy.objects.create(assembly=assembly, giver=giver, holder=holder)
    audit_record(action=AuditAction.PROXY_GIVEN, by=by, target=assembly, proxy=proxy.pk,
                 giver=giver.pk, holder=holder.pk)  # fmt: skip
    return proxy


@transaction.atomic
def proxy_revoke(*, proxy: Proxy, by: User) -> Proxy:
    """The giver (or the chair) takes the proxy back, until the first ballot opens."""
    proxy = (
        Proxy.objects.select_for_update()
        .select_related("giver__assembly", "assembly")
        .get(pk=proxy.pk)
    )
    if not _acts_for(proxy.giver, by):
        raise BusinessError(_("Only the voter who gave it or the chair may revoke it."))
    if proxy.revoked_at is not None:
        raise BusinessError(_("This proxy is already revoked."))
    _before_voting(proxy.assembly, _("Voting has started: proxies can no longer be revoked."))
    proxy.revoked_at = timezone.now()
    proxy.save(update_fields=["revoked_at"])
    audit_record(action=AuditAction.PROXY_REVOKED, by=by, target=proxy.assembly, proxy=proxy.pk)
    return proxy


def _options_for(kind: str, labels: Sequence[str]) -> list[tuple[str, str]]:
    if kind == MotionKind.RESOLUTION:
        return [(_("Yes"), OptionMeaning.YES), (_("No"), OptionMeaning.NO),
                (_("Abstain"), OptionMeaning.ABSTAIN)]  # fmt: skip
    meaning = OptionMeaning.CANDIDATE if kind == MotionKind.ELECTION else OptionMeaning.OPTION
    names = [" ".join(label.split()) for label in labels]
    names = [n for n in dict.fromkeys(names) if n]
    if len(names) < 2 and kind == MotionKind.CHOICE:
        raise BusinessError(_("Give at least two options, one per line."), field="options")
    if not names:
        raise BusinessError(_("Give the candidates, one per line."), field="options")
    if any(len(n) > 200 for n in names):
        raise BusinessError(_("An option is 200 characters at most."), field="options")
    if len(names) > 50:
        raise BusinessError(_("50 options at most."), field="options")
    blank = _("Blank ballot") if kind == MotionKind.ELECTION else _("Abstain")
    return [(n, meaning) for n in names] + [(blank, OptionMeaning.ABSTAIN)]


@transaction.atomic
def motion_save(
    *,
    assembly: Assembly,
    by: User,
    title: str,
    kind: str,
    majority: str,
    secret: bool = False,
    seats: int = 1,
    text: str = "",
    documents: str = "",
    options: Sequence[str] = (),
    language: str = "fr",
    motion: Motion | None = None,
) -> Motion:
    """Add a motion to the agenda of the assembly, or change one not opened yet."""
    permission_require(by, "assembly.run_assembly", assembly)
    if motion is not None:
        motion = Motion.objects.select_for_update().get(pk=motion.pk, assembly=assembly)
        if motion.status != MotionStatus.DRAFT:
            raise BusinessError(_("This ballot has opened: the motion can no longer change."))
    else:
        position = assembly.motions.count() + 1
        motion = Motion(assembly=assembly, position=position)
    if kind != MotionKind.ELECTION:
        seats = 1
    with translation.override(language):  # "Yes", "No": in the motion's language
        choices = _options_for(kind, options)
    if kind == MotionKind.ELECTION and seats >= len(choices) - 1:
        raise BusinessError(
            _("Give more candidates than seats, or there is nothing to elect."), field="seats"
        )
    for name, value in (("title", title.strip()), ("kind", kind), ("majority", majority),
                        ("secret", secret), ("seats", seats), ("text", text),
                        ("documents", documents), ("language", language)):  # fmt: skip
        setattr(motion, name, value)
    model_validate(motion, exclude=("assembly",))
    motion.save()
    motion.options.all().delete()
    Option.objects.bulk_create(
        Option(motion=motion, label=label, meaning=meaning, position=i)
        for i, (label, meaning) in enumerate(choices)
    )
    audit_record(action=AuditAction.MOTION_SAVED, by=by, target=assembly, motion=motion.pk)
    return motion


def _lock_motion(motion: Motion) -> Motion:
    return Motion.objects.select_for_update().select_related("assembly__event").get(pk=motion.pk)


@transaction.atomic
def motion_open(*, motion: Motion, by: User) -> Motion:
    """The chair opens a ballot: the roll is frozen, the quorum reached (unless the assembly
    is a second convocation), and no other ballot is open. The quorum is kept for the
    minutes."""
    motion = _lock_motion(motion)
    assembly = _lock(motion.assembly)
    permission_require(by, "assembly.run_assembly", assembly)
    if motion.status != MotionStatus.DRAFT:
        raise BusinessError(_("This ballot has already been opened."))
    if assembly.roll_frozen_at is None:
        raise BusinessError(_("Freeze the voter roll first."))
    if assembly.motions.filter(status=MotionStatus.OPEN).exists():
        raise BusinessError(_("Another ballot is open: close it first."))
    q = selectors.quorum(assembly)
    if not q.reached:
        raise BusinessError(
            _("The quorum is not reached: %(counted)s present or represented, %(needed)s needed.")
            % {"counted": q.counted, "needed": q.needed}
        )
    for name in ("roll_count", "roll_weight", "present_count", "present_weight",
                 "represented_count", "represented_weight"):  # fmt: skip
        setattr(motion, name, getattr(q, name))
    motion.quorum_reached = q.total > 0 and q.counted >= q.needed
    motion.status, motion.opened_at = MotionStatus.OPEN, timezone.now()
    motion.save()
    audit_record(action=AuditAction.MOTION_OPENED, by=by, target=assembly, motion=motion.pk,
                 present=q.present_count, represented=q.represented_count)  # fmt: skip
    return motion


@transaction.atomic
def motion_close(*, motion: Motion, by: User) -> Motion:
    """The chair closes the ballot; its result shows from then on."""
    motion = _lock_motion(motion)
    permission_require(by, "assembly.run_assembly", motion.assembly)
    if motion.status != MotionStatus.OPEN:
        raise BusinessError(_("This ballot is not open."))
    motion.status, motion.closed_at = MotionStatus.CLOSED, timezone.now()
    motion.save(update_fields=["status", "closed_at", "updated_at"])
    result = selectors.motion_result(motion)
    audit_record(action=AuditAction.MOTION_CLOSED, by=by, target=motion.assembly,
                 motion=motion.pk, cast=result.cast, adopted=result.adopted,
                 winners=list(result.winners))  # fmt: skip
    return motion


@transaction.atomic
def ballot_cast(*, motion: Motion, voter: Voter, by: User, choices: Sequence[int]) -> None:
    """Cast one line's vote on an open ballot: once, by the person who holds that vote now.
    A secret ballot adds to the options' totals only; an open one keeps the vote too."""
    motion = _lock_motion(motion)
    if motion.status != MotionStatus.OPEN:
        raise BusinessError(
            _("This ballot is closed.")
            if motion.status == MotionStatus.CLOSED
            else _("This ballot is not open yet.")
        )
    person = person_for_user(user=by) if by.is_authenticated else None
    voter = Voter.objects.select_for_update().filter(pk=voter.pk, assembly=motion.assembly).first()
    if person is None or voter is None or not motion.assembly.voters.filter(person=person).exists():
        raise BusinessError(_("You are not on this assembly's voter roll."))
    # The page's rule, read again under the ballot's lock: the lines this person casts now.
    rights = selectors.rights_of(
        voters=selectors.voters_of(assembly=motion.assembly, person=person)
    )
    if voter.pk not in {right.voter.pk for right in rights}:
        raise BusinessError(_("You do not hold this vote: check in, or hold its proxy."))
    options = {o.pk: o for o in motion.options.all()}
    chosen = list(dict.fromkeys(int(c) for c in choices))
    abstain = [pk for pk, o in options.items() if o.meaning == OptionMeaning.ABSTAIN]
    if motion.kind == MotionKind.ELECTION and not chosen:
        chosen = abstain[:1]  # a ballot with nobody marked is blank
    if not chosen or any(c not in options for c in chosen):
        raise BusinessError(_("Choose an answer."), field="choice")
    limit = motion.seats if motion.kind == MotionKind.ELECTION else 1
    if len(chosen) > limit:
        raise BusinessError(_("Choose %(limit)s at most.") % {"limit": limit}, field="choice")
    if len(chosen) > 1 and set(chosen) & set(abstain):
        raise BusinessError(_("A blank ballot marks nobody."), field="choice")
    try:
        with transaction.atomic():
            Participation.objects.create(
                motion=motion, voter=voter, cast_by=person, weight=voter.weight
            )
    except IntegrityError:
        raise BusinessError(_("This vote has already been cast on this motion.")) from None
    Option.objects.filter(pk__in=chosen).update(
        ballots=F("ballots") + 1, weight=F("weight") + voter.weight
    )
    if not motion.secret:
        OpenVote.objects.bulk_create(
            OpenVote(motion=motion, voter=voter, option_id=c) for c in chosen
        )

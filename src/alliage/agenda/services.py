"""Use cases of the agenda. Registrations lock the event row, so that simultaneous requests
never confirm more people than there are seats (PostgreSQL: SELECT … FOR UPDATE; SQLite: the
write transaction starts IMMEDIATE, which serialises writers)."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import secrets
from typing import Any

from dateutil.rrule import rrulestr
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alliage.actors.models import Person
from alliage.actors.services import person_ensure
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import User
from alliage.core.services import (
    audit_record,
    model_update,
    permission_require,
    task_enqueue_after_commit,
)
from alliage.core.slugs import slug_unique
from alliage.core.text import one_line, one_line_fields
from alliage.follows.selectors import followers_of
from alliage.follows.services import follow_add
from alliage.notifications.services import notification_send

from . import selectors, tasks
from .audit import AuditAction
from .models import (
    HELD,
    CalendarToken,
    Event,
    EventStatus,
    Registration,
    RegistrationNotice,
    RegistrationStatus,
    Series,
)

# Changing one of these changes what calendars show: the event's SEQUENCE grows.
CALENDAR_FIELDS = frozenset(
    {"title", "description", "starts_at", "ends_at", "timezone", "place", "online_url", "status"}
)


def _language_of(person_id: int) -> str:
    language = User.objects.filter(person__pk=person_id).values_list("language", flat=True)
    return language.first() or settings.LANGUAGE_CODE


def _notify(registration: Registration, notice: RegistrationNotice) -> None:
    """Queue the e-mail, to go out in its recipient's own language (``User.language``)."""
    with translation.override(_language_of(registration.person_id)):
        task_enqueue_after_commit(
            tasks.registration_notify, registration_id=registration.pk, kind=notice
        )


def event_slug(title: str, start: dt.datetime) -> str:
    """A free slug for an event: its title and its day."""
    return slug_unique(
        Event.objects.all(), title, fallback="evenement", suffix=f"-{start:%Y-%m-%d}"
    )


def _require_manager(by: User, event: Event) -> None:
    permission_require(by, "agenda.manage_event", event, _("Only the programme team can do this."))


def _require_where(obj: Event | Series) -> None:
    """An event happens somewhere: a place, an online link, or both."""
    if not (obj.place or "").strip() and not (obj.online_url or "").strip():
        raise BusinessError(
            _("Give a place (an address), an online link, or both: people must know where to go."),
            field="place",
        )


def _require_coalition_of_programme(obj: Event | Series) -> None:
    if obj.coalition_id and obj.coalition.programme_id != obj.programme_id:
        raise BusinessError(
            _("This coalition is not one of the programme's coalitions."), field="coalition"
        )


@transaction.atomic
def event_create(*, by: User, **fields: Any) -> Event:
    """The programme team schedules an event."""
    event = Event(**one_line_fields(fields, "title"))
    _require_manager(by, event)
    _require_where(event)
    _require_coalition_of_programme(event)
    event.slug = event_slug(event.title, event.starts_at.astimezone(event.tz))
    event.full_clean()
    event.save()
    audit_record(action=AuditAction.EVENT_CREATED, by=by, target=event)
    if event.is_public:  # an event for members or one coalition is not told to followers
        notification_send(
            kind=EVENT_SCHEDULED,
            recipients=followers_of(event.programme),
            url=event.get_absolute_url(),
            context={"programme": str(event.programme), "event": event.title},
            by=by,
        )
    return event


EVENT_SCHEDULED = "agenda.event_scheduled"  # a notification kind, declared in hooks.py
# A seat freed for someone on the waiting list: in the centre (the e-mail of tasks.py goes
# out anyway), declared in hooks.py.
SEAT_FREED = "agenda.seat_freed"


@transaction.atomic
def event_update(*, event: Event, by: User, **fields: Any) -> Event:
    """Change an event (one occurrence of a series stays its own). Calendars see the change
    because the SEQUENCE grows whenever what they show changes."""
    _require_manager(by, event)
    fields = one_line_fields(fields, "title")
    if "programme" in fields and fields["programme"].pk != event.programme_id:
        _require_manager(by, Event(programme=fields["programme"]))  # moved to one they run
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.series_id and set(fields) - {"status"}:
        fields = {**fields, "detached": True}  # it no longer follows its series' changes
    return _event_change(locked, by, fields)


def _event_change(locked: Event, by: User, fields: dict[str, Any]) -> Event:
    """Validate then write the changes of a locked event (its manager checked)."""
    proposed = copy.copy(locked)  # validated whole before anything is written
    for name, value in fields.items():
        setattr(proposed, name, value)
    proposed.full_clean()
    if {"place", "online_url"} & set(fields):
        _require_where(proposed)
    if {"coalition", "programme"} & set(fields):
        _require_coalition_of_programme(proposed)
    changed = set(model_update(instance=locked, data=fields)) - {"detached"}
    if changed & CALENDAR_FIELDS:
        model_update(instance=locked, data={"sequence": locked.sequence + 1})
    if changed:
        audit_record(action=AuditAction.EVENT_CHANGED, by=by, target=locked, fields=sorted(changed))
    if "capacity" in changed:
        _promote_waitlist(locked)
    return locked


@transaction.atomic
def event_cancel(*, event: Event, by: User) -> Event:
    """Cancel an event: calendars show it cancelled and everyone registered or waiting is told
    by e-mail, in their own language. Cancelling twice tells nobody twice."""
    _require_manager(by, event)
    if Event.objects.filter(pk=event.pk, status=EventStatus.CANCELLED).exists():
        raise BusinessError(_("This event is already cancelled."))
    locked = event_update(event=event, by=by, status=EventStatus.CANCELLED)
    told = 0
    for registration in locked.registrations.exclude(status=RegistrationStatus.CANCELLED):
        _notify(registration, RegistrationNotice.EVENT_CANCELLED)
        told += 1
    audit_record(action=AuditAction.EVENT_CANCELLED, by=by, target=locked, told=told)
    return locked


@transaction.atomic
def event_postpone(*, event: Event, by: User) -> Event:
    """Postpone an event to a date still to be set: calendars show it tentative, nobody more
    registers, and everyone registered or waiting is told in their own language. Giving it a
    new start later puts it back on schedule (``event_update`` with ``status``)."""
    _require_manager(by, event)
    if not Event.objects.filter(pk=event.pk, status=EventStatus.SCHEDULED).exists():
        raise BusinessError(_("Only a scheduled event can be postponed."))
    locked = event_update(event=event, by=by, status=EventStatus.POSTPONED)
    told = 0
    for registration in locked.registrations.exclude(status=RegistrationStatus.CANCELLED):
        _notify(registration, RegistrationNotice.EVENT_POSTPONED)
        told += 1
    audit_record(action=AuditAction.EVENT_POSTPONED, by=by, target=locked, told=told)
    return locked


@transaction.atomic
def event_duplicate(*, source: Event, by: User, **fields: Any) -> Event:
    """A new event made from another (its invitation list copied), with ``fields`` changed:
    usually the date. It belongs to no series."""
    _require_manager(by, source)
    shared = {name: getattr(source, name) for name in SHARED_FIELDS}
    shared.update(starts_at=source.starts_at, ends_at=source.ends_at)
    event = event_create(by=by, **{**shared, **fields})
    event.invited.set(source.invited.all())
    return event


@transaction.atomic
def event_invite(*, event: Event, by: User, person: Person) -> bool:
    """Put someone on the event's invitation list; False if they already were."""
    _require_manager(by, event)
    if event.invited.filter(pk=person.pk).exists():
        return False
    event.invited.add(person)
    audit_record(action=AuditAction.EVENT_INVITED, by=by, target=event, person=person.pk)
    return True


@transaction.atomic
def event_uninvite(*, event: Event, by: User, person: Person) -> bool:
    """Take someone off the invitation list; False if they were not on it."""
    _require_manager(by, event)
    if not event.invited.filter(pk=person.pk).exists():
        return False
    event.invited.remove(person)
    audit_record(action=AuditAction.EVENT_UNINVITED, by=by, target=event, person=person.pk)
    return True


# How far ahead a series' occurrences exist (registrations need them as events).
SERIES_HORIZON = dt.timedelta(days=366)
SHARED_FIELDS = (
    "programme", "coalition", "kind", "title", "description", "timezone", "place",
    "online_url", "online_url_public", "capacity", "audience", "content_language",
)  # fmt: skip


def series_slug(title: str) -> str:
    return slug_unique(Series.objects.all(), title, fallback="serie")


def _check_rule(series: Series) -> list[dt.datetime]:
    try:
        starts = _occurrence_starts(series, series.first_start + SERIES_HORIZON)
    except (ValueError, TypeError) as error:
        raise BusinessError(
            _("The recurrence rule is not valid: %(error)s") % {"error": error}, field="rrule"
        ) from error
    if not starts:
        raise BusinessError(_("This recurrence gives no date."), field="rrule")
    return starts


@transaction.atomic
def series_create(*, by: User, **fields: Any) -> Series:
    """The team creates a recurring series; its occurrences for the coming year are created
    with it. ``first_start`` should be the first date the rule gives."""
    series = Series(**one_line_fields(fields, "title"))
    _require_manager(by, Event(programme=series.programme))
    _require_where(series)
    _require_coalition_of_programme(series)
    series.slug = series_slug(series.title)
    series.full_clean()
    _check_rule(series)
    series.save()
    audit_record(action=AuditAction.SERIES_CREATED, by=by, target=series)
    series_generate(series=series, by=by, until=_horizon(series))
    return series


def _horizon(series: Series) -> dt.datetime:
    return max(timezone.now(), series.first_start) + SERIES_HORIZON


@transaction.atomic
def series_update(*, series: Series, by: User, **fields: Any) -> Series:
    """Change a series and keep its future occurrences in step: those not edited on their own
    take the new fields and dates; a date the rule no longer gives is removed (or, if people
    registered, cancelled and they are told); new dates get an occurrence. Past occurrences
    stay as they were."""
    _require_manager(by, Event(programme=series.programme))
    locked = Series.objects.select_for_update().get(pk=series.pk)
    proposed = copy.copy(locked)
    for name, value in one_line_fields(fields, "title").items():
        setattr(proposed, name, value)
    if "programme" in fields and fields["programme"] != locked.programme:
        _require_manager(by, Event(programme=proposed.programme))
    proposed.full_clean()
    _require_where(proposed)
    _require_coalition_of_programme(proposed)
    _check_rule(proposed)
    changed = model_update(instance=locked, data=fields)
    if not changed:
        return locked
    audit_record(action=AuditAction.SERIES_CHANGED, by=by, target=locked, fields=sorted(changed))
    now = timezone.now()
    wanted = [s for s in _occurrence_starts(locked, _horizon(locked)) if s > now]
    future = locked.occurrences.select_for_update().filter(starts_at__gt=now)
    detached_starts = {e.starts_at for e in future if e.detached}
    followers = sorted((e for e in future if not e.detached), key=lambda e: e.starts_at)
    wanted = [s for s in wanted if s not in detached_starts]
    wanted_set = set(wanted)
    keep = [e for e in followers if e.starts_at in wanted_set]
    loose = [e for e in followers if e.starts_at not in wanted_set]
    free = [s for s in wanted if s not in {e.starts_at for e in keep}]
    shared = {name: getattr(locked, name) for name in SHARED_FIELDS}
    duration = dt.timedelta(minutes=locked.duration_minutes)
    # Moved occurrences keep their registrations: pair the old dates with the new in order.
    moves = [(e, e.starts_at) for e in keep] + list(zip(loose, free, strict=False))
    for event, start in moves:
        _event_change(event, by, {**shared, "starts_at": start, "ends_at": start + duration})
    for event in loose[len(free) :]:
        if event.registrations.exclude(status=RegistrationStatus.CANCELLED).exists():
            if not event.is_cancelled:
                event_cancel(event=event, by=by)
        else:
            event.delete()
    series_generate(series=locked, by=by, until=_horizon(locked))
    return locked


def _occurrence_starts(series: Series, until: dt.datetime) -> list[dt.datetime]:
    """Expand the rule on wall-clock times in the series' time zone, so that a breakfast at
    8:30 stays at 8:30 on both sides of a clock change."""
    tz = Event(timezone=series.timezone).tz
    local_first = series.first_start.astimezone(tz).replace(tzinfo=None)
    local_until = until.astimezone(tz).replace(tzinfo=None)
    rule = rrulestr(series.rrule, dtstart=local_first)
    return [naive.replace(tzinfo=tz) for naive in rule.between(local_first, local_until, inc=True)]


@transaction.atomic
def series_generate(*, series: Series, by: User, until: dt.datetime) -> list[Event]:
    """Create the series' occurrences up to ``until``; existing ones (perhaps edited on their
    own) are left as they are."""
    probe = Event(programme=series.programme)
    _require_manager(by, probe)
    return _generate(series, until)


def _generate(series: Series, until: dt.datetime) -> list[Event]:
    try:
        starts = _occurrence_starts(series, until)
    except (ValueError, TypeError) as error:
        raise BusinessError(
            _("The recurrence rule is not valid: %(error)s") % {"error": error}, field="rrule"
        ) from error
    existing = set(series.occurrences.values_list("starts_at", flat=True))
    created = []
    shared = {name: getattr(series, name) for name in SHARED_FIELDS}
    for start in starts:
        if start in existing:
            continue
        end = start + dt.timedelta(minutes=series.duration_minutes)
        created.append(
            Event.objects.create(
                series=series,
                slug=event_slug(series.title, start),
                starts_at=start,
                ends_at=end,
                **shared,
            )
        )
    return created


@transaction.atomic
def series_extend_all() -> int:
    """The scheduled job: every series gets its occurrences up to a year ahead, as time
    passes (a rule without end, or ending far, is never expanded all at once)."""
    return sum(
        len(_generate(series, _horizon(series)))
        for series in Series.objects.select_for_update().order_by("pk")
    )


def _can_register(by: User, event: Event) -> None:
    """``registration_state`` decides; a refusal about the person is a PermissionRefused,
    one about the event (over, cancelled, outside its window) a BusinessError."""
    state = selectors.registration_state(event=event, user=by)
    if state.kind in selectors.REFUSED_PERSONS:
        raise PermissionRefused(state.reason)
    if state.refused:
        raise BusinessError(state.reason)


@transaction.atomic
def registration_create(*, event: Event, by: User) -> Registration:
    """Register for an event: a seat while there are some, else a place on the waiting list.
    Who may register is ``registration_state``'s answer. Registering twice returns the
    existing registration."""
    _can_register(by, event)
    person = person_ensure(user=by)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    registration = Registration.objects.filter(event=locked, person=person).first()
    if registration and registration.status != RegistrationStatus.CANCELLED:
        return registration
    taken = locked.registrations.filter(status__in=HELD).count()
    status = (
        RegistrationStatus.CONFIRMED
        if locked.capacity is None or taken < locked.capacity
        else RegistrationStatus.WAITLISTED
    )
    now = timezone.now()
    if registration is None:
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=locked,
                    person=person,
                    status=status,
                    queued_at=now,
                    cancel_token=secrets.token_urlsafe(32),
                )
        except IntegrityError:  # the same person's other tab won
            return Registration.objects.get(event=locked, person=person)
    else:
        registration.status = status
        registration.queued_at = now
        registration.reminder_sent_at = None
        registration.save(update_fields=["status", "queued_at", "reminder_sent_at", "updated_at"])
    _notify(
        registration,
        RegistrationNotice.CONFIRMED
        if status == RegistrationStatus.CONFIRMED
        else RegistrationNotice.WAITLISTED,
    )
    follow_add(user=by, obj=locked, check=False)
    return registration


def _promote_waitlist(event: Event) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served. The event is locked.
    Nobody is promoted to an event that is cancelled, postponed or already started."""
    if event.status != EventStatus.SCHEDULED or event.starts_at <= timezone.now():
        return []
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - event.registrations.filter(status__in=HELD).count()
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "queued_at", "id"
    )
    promoted = list(waiting if free is None else waiting[: max(free, 0)])
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        _notify(registration, RegistrationNotice.PROMOTED)
        notification_send(
            kind=SEAT_FREED,
            recipients=User.objects.filter(person__registrations=registration),
            url=event.get_absolute_url(),
            context={"event": event.title},
        )
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User | None) -> Registration:
    """Cancel one's registration (or, for the team, anyone's). A freed seat goes to the first
    person on the waiting list, who is told by e-mail. ``by`` is None for the e-mail link."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    if by is not None and registration.person.user_id != by.pk:
        _require_manager(by, event)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status == RegistrationStatus.CANCELLED:
        return locked
    if event.starts_at <= timezone.now():
        raise BusinessError(_("This event has started: the registration can no longer change."))
    locked.status = RegistrationStatus.CANCELLED
    locked.save(update_fields=["status", "updated_at"])
    _promote_waitlist(event)
    return locked


def registration_cancel_by_token(*, token: str) -> Registration:
    """The one-click cancellation from the confirmation e-mail."""
    try:
        registration = selectors.registration_by_token(token=token)
    except Registration.DoesNotExist as missing:
        raise BusinessError(_("This cancellation link is not valid.")) from missing
    return registration_cancel(registration=registration, by=None)


@transaction.atomic
def attendance_mark(*, registration: Registration, by: User, attended: bool) -> Registration:
    """The team records who came, from the event's day on (``selectors.attendance_open``)."""
    _require_manager(by, registration.event)
    if not selectors.attendance_open(event=registration.event):
        raise BusinessError(
            _("Attendance can be recorded from the day of the event on, not before.")
        )
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status not in HELD:
        raise BusinessError(_("Only people holding a seat can be marked present or absent."))
    locked.status = RegistrationStatus.ATTENDED if attended else RegistrationStatus.CONFIRMED
    locked.save(update_fields=["status", "updated_at"])
    return locked


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_token_renew(*, person: Person) -> str:
    """A new secret address for the person's calendar; the previous one stops working.
    Only the hash is stored: the address is shown once."""
    token = secrets.token_urlsafe(24)
    CalendarToken.objects.update_or_create(person=person, defaults={"token_hash": _hash(token)})
    audit_record(action=AuditAction.CALENDAR_TOKEN_RENEWED, by=person.user, target=person)
    return token


@transaction.atomic
def calendar_token_revoke(*, person: Person) -> None:
    """The private calendar address stops working."""
    CalendarToken.objects.filter(person=person).delete()
    audit_record(action=AuditAction.CALENDAR_TOKEN_REVOKED, by=person.user, target=person)


def person_for_calendar_token(*, token: str) -> Person | None:
    """Whose private calendar this address is, if it still works."""
    found = CalendarToken.objects.select_related("person").filter(token_hash=_hash(token)).first()
    return found.person if found else None


@transaction.atomic
def reminders_enqueue(*, now: dt.datetime | None = None) -> int:
    """Queue the day-before reminder of every seat whose event starts within 24 hours; the
    e-mail itself makes sure each goes out once (``reminder_claim``)."""
    now = now or timezone.now()
    due = list(
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            event__status=EventStatus.SCHEDULED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + dt.timedelta(hours=24),
        ).values_list("pk", "person__user__language")
    )
    # Each reminder goes out in its recipient's language.
    for pk, language in due:
        with translation.override(language or settings.LANGUAGE_CODE):
            task_enqueue_after_commit(
                tasks.registration_notify, registration_id=pk, kind=RegistrationNotice.REMINDER
            )
    return len(due)


def reminder_claim(*, registration_id: int) -> bool:
    """Claim the registration's reminder: True once, for a seat still confirmed at an event
    still scheduled; the stamp is set only where it is still empty, so that a reminder queued
    twice (or by two workers) goes out once."""
    return bool(
        Registration.objects.filter(
            pk=registration_id,
            reminder_sent_at__isnull=True,
            status=RegistrationStatus.CONFIRMED,
            event__status=EventStatus.SCHEDULED,
        ).update(reminder_sent_at=timezone.now())
    )


def registration_notice_send(
    *, registration_id: int, notice: RegistrationNotice, language: str
) -> bool:
    """E-mail the person about their registration, in ``language`` and with times in the
    event's own time zone. A reminder goes out once (``reminder_claim``). False when nothing
    was sent (already reminded, or the registration is gone)."""
    if notice == RegistrationNotice.REMINDER and not reminder_claim(
        registration_id=registration_id
    ):
        return False
    registration = (
        Registration.objects.select_related("event", "person__user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return False
    event = registration.event
    with translation.override(language), timezone.override(event.tz):
        base = settings.ALLIAGE_BASE_URL.rstrip("/")
        context = {
            "registration": registration,
            "event": event,
            "person": registration.person,
            "event_url": base + event.get_absolute_url(),
            "cancel_url": base
            + reverse("agenda:registration-cancel-link", args=[registration.cancel_token]),
            "ics_url": base + reverse("agenda:event-ics", args=[event.slug]),
        }
        subject = one_line(render_to_string(f"agenda/email/{notice}_subject.txt", context))
        body = render_to_string(f"agenda/email/{notice}.txt", context)
    send_mail(subject, body, None, [registration.person.user.email])
    return True

"""What the agenda holds about a person: registrations, invitations and the private calendar
address; how it is exported and erased."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Person
from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData
from alliage.core.selfdata import admin_log_forget

from .models import HELD, CalendarToken, Event, EventStatus, Registration, RegistrationStatus
from .services import registration_cancel


def _registrations(user: User) -> Iterator[dict[str, Any]]:
    registrations = Registration.objects.filter(person__user=user).select_related("event")
    for r in registrations.order_by("event__starts_at", "id"):
        yield {
            "event": r.event.title,
            "starts_at": r.event.starts_at,
            "status": r.status,
            "registered_at": r.queued_at,
            "reminder_sent_at": r.reminder_sent_at,
        }


def _invitations(user: User) -> Iterator[dict[str, Any]]:
    for event in Event.objects.filter(invited__user=user).order_by("starts_at"):
        yield {"event": event.title, "starts_at": event.starts_at}


def _calendar(user: User) -> Iterator[dict[str, Any]]:
    token = CalendarToken.objects.filter(person__user=user).first()
    if token is not None:
        yield {"created_at": token.created_at}


def erase(user: User) -> None:
    """Registrations are deleted; a seat held for an event still to come is first given up,
    so that the next person on the waiting list gets it. Invitations and the private calendar
    address go too."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        return
    registrations = list(Registration.objects.filter(person=person).select_related("event"))
    now = timezone.now()
    for registration in registrations:
        event = registration.event
        if (
            registration.status in HELD
            and event.status == EventStatus.SCHEDULED
            and event.starts_at > now
        ):
            registration_cancel(registration=registration, by=user)
    tokens = list(CalendarToken.objects.filter(person=person))
    admin_log_forget([*registrations, *tokens])
    Registration.objects.filter(person=person).delete()
    CalendarToken.objects.filter(person=person).delete()
    for event in Event.objects.filter(invited=person):
        event.invited.remove(person)


PERSONAL_DATA = PersonalData(
    app_label="agenda",
    title=_("Agenda"),
    purpose=_("To register you for events, to warn you of changes and to count attendance."),
    retention=_("As long as your account exists; erased with it."),
    recipients=_("You, the organisers of the event (the programme team) and administrators."),
    models=("agenda.Registration", "agenda.CalendarToken", "agenda.Event"),
    erase=erase,
    datasets=(
        Dataset(
            key="registrations",
            title=_("Registrations for events"),
            description=_("The events you registered for, and where you stand."),
            export=_registrations,
            fields=(
                Field("event", _("Event"), _("the event's title")),
                Field("starts_at", _("Starts"), _("when it starts (ISO 8601, UTC)")),
                Field(
                    "status",
                    _("Status"),
                    _("confirmed, waitlisted, cancelled or attended"),
                    choices=RegistrationStatus,
                ),
                Field("registered_at", _("Registered"), _("when you registered (ISO 8601, UTC)")),
                Field(
                    "reminder_sent_at",
                    _("Reminder sent"),
                    _("when the reminder was e-mailed, if it was"),
                ),
            ),
        ),
        Dataset(
            key="invitations",
            title=_("Invitations"),
            description=_("The events on invitation you are invited to."),
            export=_invitations,
            fields=(
                Field("event", _("Event"), _("the event's title")),
                Field("starts_at", _("Starts"), _("when it starts (ISO 8601, UTC)")),
            ),
        ),
        Dataset(
            key="calendar_address",
            title=_("Private calendar address"),
            description=_(
                "Whether you have a private calendar address. Alliage keeps only a fingerprint "
                "of it, so the address itself cannot be exported."
            ),
            export=_calendar,
            fields=(
                Field("created_at", _("Created"), _("when the address was made (ISO 8601, UTC)")),
            ),
        ),
    ),
)

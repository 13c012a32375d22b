from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from alliage.actors.models import Person
from alliage.coalitions.models import Coalition, Programme
from alliage.core.models import TimeStampedModel, content_language_field


class EventKind(models.TextChoices):
    RESET_DAY = "reset_day", _("Reset Day")
    ASSEMBLY = "assembly", _("Assembly")
    CONFERENCE = "conference", _("Conference")
    BREAKFAST = "breakfast", _("Members' breakfast")
    WORKSHOP = "workshop", _("Workshop or brainstorm")
    WEBINAR = "webinar", _("Webinar")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members (adhérents)")
    COALITION = "coalition", _("The coalition's members")
    INVITATION = "invitation", _("On invitation")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone."))


class EventFields(TimeStampedModel):
    """What an event and a series share; a series stamps these on each occurrence."""

    content_language = content_language_field()
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    coalition = models.ForeignKey(
        Coalition,
        verbose_name=_("coalition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Paris", validators=[validate_timezone]
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    online_url_public = models.BooleanField(
        _("online link shown to everyone"),
        default=False,
        help_text=_("Otherwise only registered people see it."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC
    )

    class Meta:
        abstract = True


class Series(EventFields):
    """A recurring series from an RFC 5545 recurrence rule; its occurrences are events."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    rrule = models.CharField(
        _("recurrence rule"),
        max_length=300,
        help_text=_("RFC 5545, for example FREQ=MONTHLY;BYDAY=2TU,4TU"),
    )
    first_start = models.DateTimeField(_("first start"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"))

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.title


class Event(EventFields):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="occurrences",
    )
    starts_at = models.DateTimeField(_("start"), db_index=True)
    ends_at = models.DateTimeField(_("end"))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    sequence = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Grows each time calendars must update the event.")
    )
    invited = models.ManyToManyField(
        Person, verbose_name=_("invited people"), blank=True, related_name="invitations"
    )
    detached = models.BooleanField(
        _("edited on its own"),
        default=False,
        help_text=_("An occurrence changed by itself no longer follows its series' changes."),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ("starts_at", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="agenda_event_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=("series", "starts_at"), name="agenda_one_occurrence_per_start"
            ),
        )
        indexes = (
            models.Index(fields=("audience", "starts_at")),
            # Upcoming (or past) events, found without reading the whole history.
            models.Index(fields=("ends_at", "starts_at"), name="agenda_event_ends_idx"),
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agenda:event-detail", kwargs={"slug": self.slug})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_scheduled(self) -> bool:
        """Going ahead as planned (neither postponed nor cancelled)."""
        return self.status == EventStatus.SCHEDULED

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC

    @property
    def is_postponed(self) -> bool:
        return self.status == EventStatus.POSTPONED

    @property
    def is_on_invitation(self) -> bool:
        return self.audience == Audience.INVITATION

    @property
    def fill_tenths(self) -> int:
        """How full, 0 to 10, from the ``seats_taken`` a team selector counts."""
        taken = getattr(self, "seats_taken", 0)
        if not self.capacity:
            return 0
        return min(10, round(10 * taken / self.capacity))

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            raise ValidationError(
                {"registration_closes_at": _("Registration must close after it opens.")}
            )
        if self.audience == Audience.COALITION and not self.coalition_id:
            raise ValidationError({"coalition": _("Choose the coalition whose members may come.")})


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")
    ATTENDED = "attended", _("Attended")


# The statuses that hold a seat: the waiting list and cancellations do not.
HELD = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)


class RegistrationNotice(models.TextChoices):
    """The e-mails a registration sends; each has its ``agenda/email/<value>.txt`` templates.
    The labels are for people reading the task queue, not for participants."""

    CONFIRMED = "confirmed", "Seat confirmed"
    WAITLISTED = "waitlisted", "On the waiting list"
    PROMOTED = "promoted", "Seat freed for someone waiting"
    EVENT_CANCELLED = "event_cancelled", "Event cancelled"
    EVENT_POSTPONED = "event_postponed", "Event postponed"
    REMINDER = "reminder", "Day-before reminder"


class Registration(TimeStampedModel):
    """One per person per event; the waiting list is ordered by ``queued_at``."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    queued_at = models.DateTimeField(_("registered at"))
    cancel_token = models.CharField(max_length=64, unique=True, editable=False)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ("queued_at", "id")
        constraints = (
            models.UniqueConstraint(fields=("event", "person"), name="agenda_one_registration"),
        )
        indexes = (models.Index(fields=("event", "status", "queued_at")),)

    def __str__(self) -> str:
        return f"{self.person} — {self.event}"

    @property
    def holds_seat(self) -> bool:
        return self.status in HELD

    @property
    def is_attended(self) -> bool:
        return self.status == RegistrationStatus.ATTENDED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == RegistrationStatus.WAITLISTED


class CalendarToken(models.Model):
    """The secret of a person's personal calendar address; only its hash is kept."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="calendar_token"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return str(self.person)

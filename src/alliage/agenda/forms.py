from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alliage.coalitions.models import Coalition, Programme
from alliage.core.forms import ContentLanguageField, language_kept
from alliage.core.text import OneLineField
from alliage.core.widgets import DatePicker

from . import recurrence
from .models import Audience, EventKind


class AgendaFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=(("upcoming", _("Upcoming")), ("past", _("Past"))),
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )

    def __init__(self, *args: Any, programmes: list[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All")), *((p.slug, p.name) for p in programmes)]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"when": "upcoming"}
        data = {k: v for k, v in self.cleaned_data.items() if v}
        data.setdefault("when", "upcoming")
        return data


# The team's forms -------------------------------------------------------------------------

NO_PLACE = _("Give a place (an address), an online link, or both: people must know where to go.")

DEFAULT_TZ = "Europe/Paris"


def timezone_choices() -> list[tuple[str, str]]:
    """Every IANA zone, Europe/Paris first (the programme's home), then the rest sorted."""
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z and z != DEFAULT_TZ)
    return [(DEFAULT_TZ, DEFAULT_TZ), *((z, z.replace("_", " ")) for z in zones)]


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock date and time, left naive: the form attaches the time zone chosen beside
    it (not the reader's)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        try:
            return dt.datetime.fromisoformat(str(value).strip()).replace(tzinfo=None)
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


class CoalitionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Coalition) -> str:
        return f"{obj.title} ({obj.programme.name})"


class _EventFieldsForm(forms.Form):
    """What an event and a series share."""

    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = OneLineField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    content_language = ContentLanguageField()
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        initial=DEFAULT_TZ,
        help_text=_("The times you enter are in this time zone."),
    )
    place = forms.CharField(
        label=_("Place (address)"),
        max_length=300,
        required=False,
        help_text=_("A place, an online link, or both."),
    )
    online_url = forms.URLField(
        label=_("Online link (webcast)"), required=False, assume_scheme="https"
    )
    online_url_public = forms.BooleanField(
        label=_("Show the online link to everyone (otherwise only to registered people)"),
        required=False,
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    coalition = CoalitionChoiceField(
        label=_("Coalition"),
        queryset=Coalition.objects.none(),
        required=False,
        help_text=_("For a coalition's event: only its members may come."),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("Leave empty for no limit."),
    )

    def __init__(self, *args: Any, programmes: list[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [p.pk for p in programmes]
        self.fields["programme"].queryset = Programme.objects.filter(pk__in=ids).order_by("name")
        if len(programmes) == 1:
            self.fields["programme"].initial = programmes[0].pk
        self.fields["coalition"].queryset = (
            Coalition.objects.filter(programme_id__in=ids)
            .select_related("programme")
            .order_by("title")
        )
        self.fields["timezone"].choices = timezone_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        place, link = data.get("place", ""), data.get("online_url", "")
        if "place" in data and "online_url" in data and not place.strip() and not link:
            self.add_error(
                "place",
                NO_PLACE,
            )
        audience, coalition = data.get("audience"), data.get("coalition")
        if audience == Audience.COALITION and not coalition:
            self.add_error("coalition", _("Choose the coalition whose members may come."))
        elif coalition and data.get("programme") and coalition.programme_id != data["programme"].pk:
            self.add_error(
                "coalition", _("This coalition is not one of the programme's coalitions.")
            )
        if audience != Audience.COALITION:
            data["coalition"] = None
        return data

    def shared(self) -> dict[str, Any]:
        names = (
            "programme", "kind", "title", "description", "timezone", "place", "online_url",
            "online_url_public", "audience", "coalition", "capacity", "content_language",
        )  # fmt: skip
        return language_kept({n: self.cleaned_data[n] for n in names})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.cleaned_data.get("timezone") or DEFAULT_TZ)


class EventForm(_EventFieldsForm):
    starts_at = LocalDateTimeField(label=_("Start"))
    ends_at = LocalDateTimeField(label=_("End"))

    field_order = ("programme", "kind", "title", "starts_at", "ends_at", "timezone")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The end must come after the start."))
        return data

    def fields_for_service(self) -> dict[str, Any]:
        tz = self.tz
        return {
            **self.shared(),
            "starts_at": self.cleaned_data["starts_at"].replace(tzinfo=tz),
            "ends_at": self.cleaned_data["ends_at"].replace(tzinfo=tz),
        }

    @staticmethod
    def initial_from(event: Any) -> dict[str, Any]:
        tz = event.tz
        return {
            "programme": event.programme_id,
            "kind": event.kind,
            "title": event.title,
            "description": event.description,
            "content_language": event.content_language,
            "timezone": event.timezone,
            "place": event.place,
            "online_url": event.online_url,
            "online_url_public": event.online_url_public,
            "audience": event.audience,
            "coalition": event.coalition_id,
            "capacity": event.capacity,
            "starts_at": event.starts_at.astimezone(tz).replace(tzinfo=None),
            "ends_at": event.ends_at.astimezone(tz).replace(tzinfo=None),
        }


class SeriesForm(_EventFieldsForm):
    """A series, its recurrence built in words."""

    frequency = forms.ChoiceField(
        label=_("Repeats"), choices=recurrence.FREQUENCIES, initial=recurrence.MONTHLY
    )
    interval = forms.IntegerField(
        label=_("Every how many weeks or months"), min_value=1, max_value=12, initial=1
    )
    weekdays = forms.MultipleChoiceField(
        label=_("On"),
        choices=recurrence.WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Weekly: one or more days. Monthly: one day."),
    )
    positions = forms.TypedMultipleChoiceField(
        label=_("Which ones in the month"),
        choices=recurrence.POSITIONS,
        coerce=int,
        initial=[1],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Monthly only: the first Tuesday, the second and fourth Friday…"),
    )
    first_day = forms.DateField(
        label=_("From"),
        widget=DatePicker(),
        help_text=_("The series starts on the first matching day from this date."),
    )
    time = forms.TimeField(
        label=_("At"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=5, max_value=24 * 60, initial=90
    )
    ends = forms.ChoiceField(
        label=_("Ends"),
        choices=(
            ("count", _("After a number of times")),
            ("until", _("On a date")),
            ("never", _("Never (its dates exist a year ahead)")),
        ),
        initial="count",
        widget=forms.RadioSelect,
    )
    count = forms.IntegerField(
        label=_("Number of times"), min_value=1, max_value=200, required=False
    )
    until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DatePicker(),
    )

    field_order = (
        "programme", "kind", "title", "frequency", "interval", "weekdays", "positions",
        "first_day", "time", "duration_minutes", "ends", "count", "until", "timezone",
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        frequency, days = data.get("frequency"), data.get("weekdays") or []
        if frequency == recurrence.MONTHLY:
            if len(days) > 1:
                self.add_error("weekdays", _("A monthly series falls on one day of the week."))
            if not data.get("positions"):
                self.add_error("positions", _("Choose which ones in the month."))
        ends = data.get("ends")
        if ends == "count" and not data.get("count"):
            self.add_error("count", _("Say how many times."))
        if ends == "until":
            if not data.get("until"):
                self.add_error("until", _("Give the last date."))
            elif data.get("first_day") and data["until"] < data["first_day"]:
                self.add_error("until", _("The last date must come after the first."))
        return data

    RECURRENCE_FIELDS = (
        "frequency", "interval", "weekdays", "positions", "first_day", "time", "ends", "count",
        "until", "timezone",
    )  # fmt: skip

    def built(self) -> recurrence.Recurrence | None:
        """The recurrence the form describes, as soon as its own fields are valid (the rest of
        the form may still have errors: the preview shows it anyway)."""
        self.is_valid()
        if any(name in self.errors for name in self.RECURRENCE_FIELDS):
            return None
        d = self.cleaned_data
        if not all(d.get(name) for name in ("frequency", "weekdays", "first_day", "time")):
            return None
        return recurrence.Recurrence(
            frequency=d["frequency"],
            first_day=d["first_day"],
            time=d["time"],
            weekdays=tuple(d["weekdays"]),
            interval=d["interval"],
            positions=tuple(d.get("positions") or (1,)),
            until=d["until"] if d["ends"] == "until" else None,
            count=d["count"] if d["ends"] == "count" else None,
        )

    def fields_for_service(self) -> dict[str, Any]:
        rec = self.built()
        if rec is None:
            raise ValueError("fields_for_service needs a valid form")
        first = rec.starts(self.tz, 1)
        return {
            **self.shared(),
            "rrule": rec.rrule,
            "first_start": first[0]
            if first
            else dt.datetime.combine(rec.first_day, rec.time, self.tz),
            "duration_minutes": self.cleaned_data["duration_minutes"],
        }

    @staticmethod
    def initial_from(series: Any) -> dict[str, Any]:
        tz = zoneinfo.ZoneInfo(series.timezone)
        initial = {
            "programme": series.programme_id,
            "kind": series.kind,
            "title": series.title,
            "description": series.description,
            "content_language": series.content_language,
            "timezone": series.timezone,
            "place": series.place,
            "online_url": series.online_url,
            "online_url_public": series.online_url_public,
            "audience": series.audience,
            "coalition": series.coalition_id,
            "capacity": series.capacity,
            "duration_minutes": series.duration_minutes,
        }
        rec = recurrence.parse(series.rrule, series.first_start, tz)
        if rec is not None:
            initial.update(
                frequency=rec.frequency,
                interval=rec.interval,
                weekdays=list(rec.weekdays),
                positions=list(rec.positions),
                first_day=rec.first_day,
                time=rec.time,
                ends="count" if rec.count else "until" if rec.until else "never",
                count=rec.count,
                until=rec.until,
            )
        return initial


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), max_length=100, required=False)

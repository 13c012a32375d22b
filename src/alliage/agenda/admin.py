from __future__ import annotations

import datetime as dt

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliage.core.admin import ProgrammeScopedAdmin
from alliage.core.errors import BusinessError

from . import services
from .models import Event, Registration, Series


@admin.register(Series)
class SeriesAdmin(ProgrammeScopedAdmin):
    list_display = ("title", "programme", "kind", "rrule", "first_start")
    prepopulated_fields = {"slug": ("title",)}
    actions = ("generate_year",)

    @admin.action(description=_("Create the occurrences of the next twelve months"))
    def generate_year(self, request: HttpRequest, queryset: QuerySet[Series]) -> None:
        until = timezone.now() + dt.timedelta(days=365)
        for series in queryset:
            try:
                created = services.series_generate(series=series, by=request.user, until=until)
            except BusinessError as error:
                self.message_user(request, f"{series}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, f"{series}: {len(created)}")


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ("person",)
    readonly_fields = ("queued_at", "reminder_sent_at")


@admin.register(Event)
class EventAdmin(ProgrammeScopedAdmin):
    """Edits go through the agenda's services, so calendars see every change."""

    list_display = ("title", "starts_at", "kind", "programme", "audience", "status", "capacity")
    list_filter = ("programme", "kind", "audience", "status")
    search_fields = ("title", "place")
    date_hierarchy = "starts_at"
    list_select_related = ("programme",)
    raw_id_fields = ("coalition", "series")
    filter_horizontal = ("invited",)
    readonly_fields = ("sequence",)
    inlines = (RegistrationInline,)
    actions = ("cancel_events",)

    def save_model(self, request: HttpRequest, obj: Event, form: object, change: bool) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        changed = {name: getattr(obj, name) for name in form.changed_data}  # type: ignore[attr-defined]
        changed.pop("invited", None)
        stored = Event.objects.get(pk=obj.pk)
        if changed:
            updated = services.event_update(event=stored, by=request.user, **changed)
            obj.sequence = updated.sequence

    @admin.action(description=_("Cancel the selected events and tell the registered people"))
    def cancel_events(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        for event in queryset:
            services.event_cancel(event=event, by=request.user)

"""The team's pages of the agenda (/team/events/): the list of events and series, creating,
editing, duplicating and cancelling an event, inviting people, and series built in words."""

from __future__ import annotations

import zoneinfo
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alliage.coalitions.selectors import programmes_run_by
from alliage.core.errors import BusinessError
from alliage.core.forms import errors_hidden
from alliage.core.http import (
    access_or_404,
    form_add_business_error,
    require_perm,
    service_then_redirect,
    small_pk,
)

from .. import recurrence, selectors, services
from ..forms import EventForm, PeopleSearchForm, SeriesForm
from ..models import Event, EventStatus

PREVIEW_DATES = 6


def _programmes(request: HttpRequest) -> list[Any]:
    return list(programmes_run_by(user=request.user).order_by("name"))


def _managed_event(request: HttpRequest, slug: str) -> Event:
    return access_or_404(request, selectors.event_detail, "agenda.manage_event", slug=slug)


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    events = list(selectors.team_events(user=request.user, when=when)[:200])
    return render(
        request,
        "agenda/team/event_list.html",
        {
            "events": events,
            "when": when,
            "series_list": list(selectors.team_series(user=request.user)),
        },
    )


def _event_form_page(
    request: HttpRequest, form: EventForm, *, event: Event | None, mode: str
) -> HttpResponse:
    return render(
        request, "agenda/team/event_form.html", {"form": form, "event": event, "mode": mode}
    )


@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    programmes = _programmes(request)
    form = EventForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(by=request.user, **form.fields_for_service())
        except (BusinessError, ValidationError) as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("The event is created."))
            return redirect("team:agenda:event-edit", slug=event.slug)
    return _event_form_page(request, form, event=None, mode="create")


@require_http_methods(["GET", "POST"])
def event_duplicate(request: HttpRequest, slug: str) -> HttpResponse:
    """The creation form, filled with the event's fields: change the date and save."""
    source = _managed_event(request, slug)
    programmes = _programmes(request)
    if request.method == "POST":
        form = EventForm(request.POST, programmes=programmes)
        if form.is_valid():
            try:
                event = services.event_duplicate(
                    source=source, by=request.user, **form.fields_for_service()
                )
            except (BusinessError, ValidationError) as error:
                form_add_business_error(form, error)
            else:
                messages.success(request, _("The copy is created."))
                return redirect("team:agenda:event-edit", slug=event.slug)
    else:
        initial = EventForm.initial_from(source)
        initial["title"] = _("%(title)s (copy)") % {"title": source.title}
        form = EventForm(initial=initial, programmes=programmes)
    return _event_form_page(request, form, event=source, mode="duplicate")


@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    programmes = _programmes(request)
    if request.method == "POST":
        form = EventForm(request.POST, programmes=programmes)
        if form.is_valid():
            fields = form.fields_for_service()
            if event.status == EventStatus.POSTPONED and fields["starts_at"] != event.starts_at:
                fields["status"] = EventStatus.SCHEDULED  # a new date: back on schedule
            try:
                services.event_update(event=event, by=request.user, **fields)
            except (BusinessError, ValidationError) as error:
                form_add_business_error(form, error)
            else:
                messages.success(request, _("The event is saved."))
                return redirect("team:agenda:event-list")
    else:
        form = EventForm(initial=EventForm.initial_from(event), programmes=programmes)
    return _event_form_page(request, form, event=event, mode="edit")


@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    """GET asks for confirmation (and says who will be told); POST cancels."""
    event = _managed_event(request, slug)
    if request.method == "POST":
        return service_then_redirect(
            request,
            lambda: services.event_cancel(event=event, by=request.user),
            to="team:agenda:event-list",
            success=_("The event is cancelled; the people registered or waiting are told."),
        )
    return render(
        request,
        "agenda/team/event_cancel.html",
        {"event": event, "seats": selectors.event_seats(event=event)},
    )


@require_http_methods(["GET", "POST"])
def event_postpone(request: HttpRequest, slug: str) -> HttpResponse:
    """GET asks for confirmation (and says who will be told); POST postpones."""
    event = _managed_event(request, slug)
    if request.method == "POST":
        return service_then_redirect(
            request,
            lambda: services.event_postpone(event=event, by=request.user),
            to="team:agenda:event-list",
            success=_(
                "The event is postponed; the people registered or waiting are told. "
                "Give it a new date to put it back on schedule."
            ),
        )
    return render(
        request,
        "agenda/team/event_postpone.html",
        {"event": event, "seats": selectors.event_seats(event=event)},
    )


@require_http_methods(["GET", "POST"])
def event_invited(request: HttpRequest, slug: str) -> HttpResponse:
    """Who is invited; search people by name or e-mail and add them (as you type with htmx,
    or with the search button); POST adds or removes one."""
    event = _managed_event(request, slug)
    if request.method == "POST":
        return _invite_change(request, event)
    search = PeopleSearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    invited = selectors.invited_people(event=event)
    context = {
        "event": event,
        "search": search,
        "q": q,
        "results": selectors.people_search(q=q),
        "invited": invited,
        "invited_ids": {p.pk for p in invited},
    }
    template = "agenda/team/event_invited.html"
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted:
        template += "#results"
    return render(request, template, context)


def _invite_change(request: HttpRequest, event: Event) -> HttpResponse:
    try:
        person = selectors.person_by_pk(pk=small_pk(int(request.POST.get("person", ""))))
    except (ValueError, ObjectDoesNotExist) as missing:
        raise Http404 from missing
    back = reverse("team:agenda:event-invited", args=[event.slug])
    if q := request.POST.get("q", "").strip()[:100]:
        back += "?" + urlencode({"q": q})
    if request.POST.get("action") == "remove":
        return service_then_redirect(
            request,
            lambda: services.event_uninvite(event=event, by=request.user, person=person),
            to=back,
            success=_("%(name)s is no longer invited.") % {"name": person},
        )
    return service_then_redirect(
        request,
        lambda: services.event_invite(event=event, by=request.user, person=person),
        to=back,
        success=_("%(name)s is invited.") % {"name": person},
    )


# Series -------------------------------------------------------------------------------------


def _series_page(request: HttpRequest, form: SeriesForm, series: Any, mode: str) -> HttpResponse:
    """The series form; a valid form also shows its sentence and its next dates (the
    preview), in the reader's language and in the series' time zone."""
    preview, rec, tz = None, None, None
    if form.is_bound:
        rec, tz = form.built(), form.tz
    elif series is not None:
        tz = zoneinfo.ZoneInfo(series.timezone)
        rec = recurrence.parse(series.rrule, series.first_start, tz)
    if rec is not None:
        now = timezone.now()
        starts = [s for s in rec.starts(tz, 200) if s > now][:PREVIEW_DATES]
        preview = {"sentence": rec.sentence(), "starts": starts, "tz": tz}
    if form.is_bound and "save" not in request.POST:
        errors_hidden(form)  # a preview is no attempt to save: no errors shown yet
    context = {
        "form": form,
        "series": series,
        "mode": mode,
        "preview": preview,
        "rule_in_words": series is None or form.is_bound or rec is not None,
        "occurrences": list(selectors.series_occurrences(series=series)) if series else [],
        "now": timezone.now(),
    }
    return render(request, "agenda/team/series_form.html", context)


@require_http_methods(["GET", "POST"])
def series_create(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    form = SeriesForm(request.POST or None, programmes=_programmes(request))
    if request.method == "POST" and "save" in request.POST and form.is_valid():
        try:
            series = services.series_create(by=request.user, **form.fields_for_service())
        except (BusinessError, ValidationError) as error:
            form_add_business_error(form, error, default="frequency")
        else:
            messages.success(request, _("The series is created with its dates."))
            return redirect("team:agenda:series-edit", slug=series.slug)
    return _series_page(request, form, None, "create")


@require_http_methods(["GET", "POST"])
def series_edit(request: HttpRequest, slug: str) -> HttpResponse:
    series = access_or_404(request, selectors.series_detail, "agenda.manage_series", slug=slug)
    programmes = _programmes(request)
    if request.method == "POST":
        form = SeriesForm(request.POST, programmes=programmes)
        if "save" in request.POST and form.is_valid():
            try:
                services.series_update(series=series, by=request.user, **form.fields_for_service())
            except (BusinessError, ValidationError) as error:
                form_add_business_error(form, error, default="frequency")
            else:
                messages.success(
                    request, _("The series is saved; its future dates follow the change.")
                )
                return redirect("team:agenda:series-edit", slug=series.slug)
    else:
        form = SeriesForm(initial=SeriesForm.initial_from(series), programmes=programmes)
    return _series_page(request, form, series, "edit")


__all__ = [
    "event_cancel",
    "event_create",
    "event_duplicate",
    "event_edit",
    "event_invited",
    "event_list",
    "event_postpone",
    "series_create",
    "series_edit",
]

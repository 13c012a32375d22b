"""Agenda pages and calendar feeds: parse, call a selector or a service, render."""

from __future__ import annotations

import calendar as month_calendar
import csv
import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliage.actors.services import person_ensure
from alliage.coalitions.models import Coalition, Programme
from alliage.core.errors import BusinessError
from alliage.core.http import csv_cell, paginate, require_perm

from . import selectors, services
from .calendar import calendar_for
from .forms import AgendaFilterForm
from .models import Event, EventStatus, Registration, RegistrationStatus
from .predicates import is_registration_open


def agenda(request: HttpRequest) -> HttpResponse:
    programmes = list(Programme.objects.order_by("position", "name"))
    form = AgendaFilterForm(request.GET or None, programmes=programmes)
    filters = form.filters()
    page = paginate(request, selectors.event_list(viewer=request.user, **filters), 20)
    template = "agenda/agenda.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    today = timezone.localdate()
    return render(
        request,
        template,
        {"form": form, "page": page, "when": filters["when"], "today": today},
    )


def agenda_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    tz = timezone.get_current_timezone()
    first = dt.date(year, month, 1)
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start = dt.datetime.combine(weeks[0][0], dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(weeks[-1][-1] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    by_day: dict[dt.date, list[Event]] = {}
    for event in selectors.events_in_range(viewer=request.user, start=start, end=end):
        day = event.starts_at.astimezone(event.tz).date()  # the event's own calendar day
        by_day.setdefault(day, []).append(event)
    previous = first - dt.timedelta(days=1)
    following = first + dt.timedelta(days=32)
    return render(
        request,
        "agenda/agenda_month.html",
        {
            "first": first,
            "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
            "previous": previous.replace(day=1),
            "next": following.replace(day=1),
            "today": timezone.localdate(),
        },
    )


def agenda_month_current(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return redirect("agenda:month", year=today.year, month=today.month)


def _get_visible(request: HttpRequest, slug: str) -> Event:
    try:
        event = selectors.event_detail(slug=slug)
    except Event.DoesNotExist as missing:
        raise Http404 from missing
    if not request.user.has_perm("agenda.see_event", event):
        raise Http404
    return event


def _json_ld(request: HttpRequest, event: Event, show_link: bool) -> str:
    """schema.org Event, for search engines; escaped so that it cannot close its script tag."""
    status = {
        EventStatus.SCHEDULED: "EventScheduled",
        EventStatus.POSTPONED: "EventPostponed",
        EventStatus.CANCELLED: "EventCancelled",
    }[event.status]
    online = bool(event.online_url)
    mode = (
        "MixedEventAttendanceMode"
        if online and event.place
        else "OnlineEventAttendanceMode"
        if online
        else "OfflineEventAttendanceMode"
    )
    locations: list[dict[str, Any]] = []
    if event.place:
        locations.append({"@type": "Place", "name": event.place, "address": event.place})
    if online:
        virtual = {"@type": "VirtualLocation"}
        if show_link:
            virtual["url"] = event.online_url
        locations.append(virtual)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description[:500],
        "startDate": event.starts_at.astimezone(event.tz).isoformat(),
        "endDate": event.ends_at.astimezone(event.tz).isoformat(),
        "eventStatus": f"https://schema.org/{status}",
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": {"@type": "Organization", "name": f"{settings.SITE_NAME} — {event.programme}"},
        "url": request.build_absolute_uri(event.get_absolute_url()),
    }
    if event.capacity is not None:
        data["maximumAttendeeCapacity"] = event.capacity
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_visible(request, slug)
    user = request.user
    registration = selectors.registration_for(event=event, user=user)
    show_link = user.has_perm("agenda.see_online_link", event)
    context = {
        "event": event,
        "seats": selectors.event_seats(event=event),
        "registration": registration,
        "position": (
            selectors.waitlist_position(registration=registration)
            if registration and registration.status == RegistrationStatus.WAITLISTED
            else None
        ),
        "may_register": user.has_perm("agenda.register_event", event),
        "is_open": is_registration_open(user, event),
        "show_link": show_link,
        "can_manage": user.has_perm("agenda.manage_event", event),
        "json_ld": _json_ld(request, event, show_link),
        "is_past": event.ends_at < timezone.now(),
    }
    return render(request, "agenda/event_detail.html", context)


@require_POST
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_visible(request, slug)
    if denied := require_perm(request, "agenda.register_event", event):
        return denied
    try:
        registration = services.registration_create(event=event, by=request.user)
    except BusinessError as error:
        messages.error(request, error.message)
    else:
        if registration.status == RegistrationStatus.WAITLISTED:
            messages.warning(
                request, _("The event is full: you are on the waiting list. We will e-mail you.")
            )
        else:
            messages.success(request, _("You are registered. A confirmation e-mail is on its way."))
    return redirect(event)


@require_POST
def event_unregister(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_visible(request, slug)
    registration = selectors.registration_for(event=event, user=request.user)
    if registration is None:
        raise Http404
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except BusinessError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


def registration_cancel_link(request: HttpRequest, token: str) -> HttpResponse:
    """From the e-mail: one button, so that mail scanners following links cancel nothing."""
    registration = get_object_or_404(
        Registration.objects.select_related("event", "person"), cancel_token=token
    )
    done = registration.status == RegistrationStatus.CANCELLED
    if request.method == "POST" and not done:
        try:
            registration = services.registration_cancel_by_token(token=token)
        except BusinessError as error:
            messages.error(request, error.message)
        else:
            done = True
    return render(
        request,
        "agenda/registration_cancel.html",
        {"registration": registration, "event": registration.event, "done": done},
    )


@login_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    person = person_ensure(user=request.user)
    new_token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_token_revoke(person=person)
            messages.success(request, _("Your calendar address no longer works."))
            return redirect("agenda:my-registrations")
        new_token = services.calendar_token_renew(person=person)
    registrations = list(selectors.registrations_of(person=person))
    now = timezone.now()
    return render(
        request,
        "agenda/my_registrations.html",
        {
            "upcoming": [r for r in registrations if r.event.ends_at >= now],
            "past": [r for r in registrations if r.event.ends_at < now][::-1],
            "has_token": hasattr(person, "calendar_token"),
            "feed_url": (
                request.build_absolute_uri(reverse("agenda:personal-ics", args=[new_token]))
                if new_token
                else None
            ),
        },
    )


def event_attendees(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_visible(request, slug)
    if denied := require_perm(request, "agenda.manage_event", event):
        return denied
    if request.method == "POST":
        try:
            registration_id = int(request.POST.get("registration", ""))
        except ValueError as bad:
            raise Http404 from bad
        registration = Registration.objects.filter(
            pk=registration_id if 0 < registration_id < 2**62 else 0, event=event
        ).first()
        if registration is None:
            raise Http404
        try:
            services.attendance_mark(
                registration=registration,
                by=request.user,
                attended=request.POST.get("attended") == "1",
            )
        except BusinessError as error:
            messages.error(request, error.message)
        return redirect("agenda:event-attendees", slug=event.slug)
    rows = selectors.attendees(event=event)
    if request.GET.get("format") == "csv":
        return _attendees_csv(event, rows)
    return render(
        request,
        "agenda/event_attendees.html",
        {"event": event, "rows": rows, "seats": selectors.event_seats(event=event)},
    )


def _attendees_csv(event: Event, rows: Any) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-participants.csv"'
    response.write("\ufeff")  # spreadsheet software reads the accents right
    writer = csv.writer(response)
    writer.writerow(
        [
            _("First name"),
            _("Last name"),
            _("E-mail"),
            _("Organisations"),
            _("Status"),
            _("Registered at"),
        ]
    )
    for r in rows:
        writer.writerow(
            [
                csv_cell(r.person.first_name),
                csv_cell(r.person.last_name),
                csv_cell(r.person.user.email),
                csv_cell(", ".join(a.organisation.name for a in r.person.affiliations.all())),
                r.get_status_display(),
                timezone.localtime(r.queued_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return response


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_visible(request, slug)
    body = calendar_for(
        [event],
        name=event.title,
        base_url=_base_url(request),
        include_private_links=request.user.has_perm("agenda.see_online_link", event),
    )
    return _ics(body, event.slug)


def agenda_ics(request: HttpRequest) -> HttpResponse:
    body = calendar_for(
        selectors.public_feed_events(),
        name=_("%(site)s agenda") % {"site": settings.SITE_NAME},
        base_url=_base_url(request),
    )
    return _ics(body, "agenda")


def programme_ics(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    body = calendar_for(
        selectors.public_feed_events(programme_id=programme.pk),
        name=f"{settings.SITE_NAME} — {programme.name}",
        base_url=_base_url(request),
    )
    return _ics(body, programme.slug)


def coalition_ics(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = get_object_or_404(Coalition, slug=slug, is_published=True)
    body = calendar_for(
        selectors.public_feed_events(coalition_id=coalition.pk),
        name=f"{settings.SITE_NAME} — {coalition.title}",
        base_url=_base_url(request),
    )
    return _ics(body, coalition.slug)


def personal_ics(request: HttpRequest, token: str) -> HttpResponse:
    person = services.person_for_calendar_token(token=token)
    if person is None:
        raise Http404
    body = calendar_for(
        selectors.personal_feed_events(person=person),
        name=_("My events on %(site)s") % {"site": settings.SITE_NAME},
        base_url=_base_url(request),
        private_links_for=selectors.events_with_seat(person=person),
    )
    response = _ics(body, "my-events")
    response["Cache-Control"] = "private, no-store"
    return response

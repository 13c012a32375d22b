"""One event: its page, registering and leaving, and the team's list of attendees."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.core.hooks import Slot, page_sections
from alliage.core.http import (
    Reserved,
    access_or_404,
    csv_cell,
    csv_response,
    require_perm,
    service_then_redirect,
    small_pk,
)

from .. import selectors, services
from ..models import Audience, Event, EventStatus, Registration, RegistrationStatus


def reserved_to_adherents(user: Any, event: Event) -> Reserved | None:
    """A members-only event refused to someone only because they are not an adhérent: its
    page says so and how to join (403), instead of a 404 that makes a shared link look broken.
    Any other refused event (a coalition's, on invitation) stays a 404."""
    if event.audience != Audience.MEMBERS:
        return None
    return Reserved("agenda/event_reserved.html", {"event": event})


def _json_ld(request: HttpRequest, event: Event, show_link: bool) -> SafeString:
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


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_or_404(
        request,
        selectors.event_detail,
        "agenda.see_event",
        reserved=reserved_to_adherents,
        slug=slug,
    )
    user = request.user
    seats = selectors.event_seats(event=event)
    show_link = user.has_perm("agenda.see_online_link", event)
    context = {
        "event": event,
        "seats": seats,
        "state": selectors.registration_state(event=event, user=user, seats=seats),
        "show_link": show_link,
        "can_manage": user.has_perm("agenda.manage_event", event),
        "json_ld": _json_ld(request, event, show_link),
        "sections": page_sections(request, event, Slot.SIDEBAR),
    }
    return render(request, "agenda/event_detail.html", context)


@require_POST
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_or_404(request, selectors.event_detail, "agenda.see_event", slug=slug)
    if denied := require_perm(request, "agenda.register_event", event):
        return denied

    def register() -> None:
        registration = services.registration_create(event=event, by=request.user)
        if registration.status == RegistrationStatus.WAITLISTED:
            messages.warning(
                request, _("The event is full: you are on the waiting list. We will e-mail you.")
            )
        else:
            messages.success(request, _("You are registered. A confirmation e-mail is on its way."))

    return service_then_redirect(request, register, to=event)


@require_POST
def event_unregister(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_or_404(request, selectors.event_detail, "agenda.see_event", slug=slug)
    registration = selectors.registration_for(event=event, user=request.user)
    if registration is None:
        raise Http404
    return service_then_redirect(
        request,
        lambda: services.registration_cancel(registration=registration, by=request.user),
        to=event,
        success=(
            _("You left the waiting list.")
            if registration.status == RegistrationStatus.WAITLISTED
            else _("Your registration is cancelled.")
        ),
    )


@require_http_methods(["GET", "POST"])
def event_attendees(request: HttpRequest, slug: str) -> HttpResponse:
    """The team's list (GET, or as CSV with ``format=csv``); POST marks one person present
    or absent."""
    event = access_or_404(request, selectors.event_detail, "agenda.see_event", slug=slug)
    if denied := require_perm(request, "agenda.manage_event", event):
        return denied
    if request.method == "POST":
        return _attendance_mark(request, event)
    rows = selectors.attendees(event=event)
    if request.GET.get("format") == "csv":
        return _attendees_csv(event, rows)
    return render(
        request,
        "agenda/event_attendees.html",
        {
            "event": event,
            "rows": rows,
            "seats": selectors.event_seats(event=event),
            "attendance_open": selectors.attendance_open(event=event),
        },
    )


def _attendance_mark(request: HttpRequest, event: Event) -> HttpResponse:
    try:
        registration_id = small_pk(int(request.POST.get("registration", "")))
        registration = selectors.event_registration(event=event, pk=registration_id)
    except (ValueError, Registration.DoesNotExist) as missing:
        raise Http404 from missing
    return service_then_redirect(
        request,
        lambda: services.attendance_mark(
            registration=registration,
            by=request.user,
            attended=request.POST.get("attended") == "1",
        ),
        to=reverse("agenda:event-attendees", args=[event.slug]),
    )


def _attendees_csv(event: Event, rows: Any) -> HttpResponse:
    response = csv_response(f"{event.slug}-participants.csv")
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

"""Events and registrations in the API: read through the agenda app's selectors,
registrations made and cancelled through its services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Schema
from ninja.responses import Status

from alliage.agenda import selectors as agenda_selectors
from alliage.agenda import services as agenda_services
from alliage.agenda.models import Event, RegistrationStatus

from .common import WRITE, Page, Paging, domain_router, last_modified, paginate
from .problems import READ_ERRORS, WRITE_ERRORS

router = domain_router("agenda")


# Schemas -----------------------------------------------------------------------------------


class EventFilters(Paging):
    when: str = "upcoming"
    programme: str = ""


class EventOut(Schema):
    slug: str
    title: str
    language: str = Field(description="The language its texts are written in (fr or en).")
    kind: str
    status: str
    programme: str
    coalition: str | None
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    place: str
    capacity: int | None
    seats_taken: int
    url: str


class RegistrationOut(Schema):
    event: str
    status: str = Field(description="confirmed, waitlisted or cancelled.")


# Reads the selectors do not offer yet ------------------------------------------------------


# Serialisers -------------------------------------------------------------------------------


def event_out(request: HttpRequest, e: Event, seats: int) -> dict[str, Any]:
    return {
        "slug": e.slug,
        "title": e.title,
        "language": e.content_language,
        "kind": e.kind,
        "status": e.status,
        "programme": e.programme.slug,
        "coalition": e.coalition.slug if e.coalition else None,
        "description": e.description,
        "starts_at": e.starts_at,
        "ends_at": e.ends_at,
        "timezone": e.timezone,
        "place": e.place,
        "capacity": e.capacity,
        "seats_taken": seats,
        "url": request.build_absolute_uri(e.get_absolute_url()),
    }


# Endpoints ---------------------------------------------------------------------------------


@router.get(
    "/events",
    response={200: Page[EventOut], **READ_ERRORS},
    operation_id="alliage_api_routers_event_list",
)
def event_list(request: HttpRequest, response: HttpResponse, filters: Query[EventFilters]):
    """Events you can see: upcoming (soonest first) or past (when=past, latest first)."""
    qs = agenda_selectors.event_list(
        viewer=request.user,
        when="past" if filters.when == "past" else "upcoming",
        programme=filters.programme[:100],
    )
    page = paginate(request, qs, filters, response)
    events = agenda_selectors.attach_seats_taken(page["results"])
    page["results"] = [event_out(request, e, e.seats_taken) for e in events]
    return page


@router.get(
    "/events/{slug}",
    response={200: EventOut, **READ_ERRORS},
    operation_id="alliage_api_routers_event_get",
)
def event_get(request: HttpRequest, response: HttpResponse, slug: str):
    """One event, with the seats taken."""
    event = agenda_selectors.event_visible_to(slug=slug, viewer=request.user)
    last_modified(response, event.updated_at)
    return event_out(request, event, agenda_selectors.event_seats(event=event)["taken"])


@router.post(
    "/events/{slug}/registration",
    response={201: RegistrationOut, **WRITE_ERRORS},
    operation_id="alliage_api_routers_registration_create",
    **WRITE,
)
def registration_create(request: HttpRequest, slug: str):
    """Register for an event: a seat, or a place on the waiting list when it is full."""
    event = agenda_selectors.event_visible_to(slug=slug, viewer=request.user)
    registration = agenda_services.registration_create(event=event, by=request.user)
    return Status(201, {"event": event.slug, "status": registration.status})


@router.delete(
    "/events/{slug}/registration",
    response={200: RegistrationOut, **WRITE_ERRORS},
    operation_id="alliage_api_routers_registration_cancel",
    **WRITE,
)
def registration_cancel(request: HttpRequest, slug: str):
    """Cancel your registration; the first on the waiting list takes the seat."""
    event = agenda_selectors.event_visible_to(slug=slug, viewer=request.user)
    registration = agenda_selectors.registration_for(event=event, user=request.user)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise Http404
    registration = agenda_services.registration_cancel(registration=registration, by=request.user)
    return {"event": event.slug, "status": registration.status}

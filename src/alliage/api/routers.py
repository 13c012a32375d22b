"""The endpoints. Each reads through the owning app's selectors (so the API shows exactly what
the pages show to the same person) and writes through its services (so the same rules, audit
and history apply)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import AuthenticationError
from ninja.responses import Status

from alliage.actors.selectors import person_for_user
from alliage.agenda import selectors as agenda_selectors
from alliage.agenda import services as agenda_services
from alliage.agenda.models import Event, RegistrationStatus
from alliage.calls import selectors as call_selectors
from alliage.calls.models import Call
from alliage.coalitions import selectors as coalition_selectors
from alliage.coalitions import services as coalition_services
from alliage.coalitions.models import Coalition, CoalitionStatus, Programme
from alliage.core.errors import BusinessError
from alliage.evaluation import selectors as evaluation_selectors
from alliage.evaluation import services as evaluation_services
from alliage.evaluation.models import Indicator

from . import auth
from .common import ApiThrottle, Page, Paging, last_modified, paginate
from .problems import READ_ERRORS, WRITE_ERRORS
from .schemas import (
    CallItem,
    CallOut,
    CanvasIn,
    CoalitionItem,
    CoalitionOut,
    EventOut,
    IndicatorOut,
    MeasurementIn,
    MeOut,
    ProgrammeOut,
    RegistrationOut,
)

reads = Router(auth=auth.read, throttle=ApiThrottle(scope="read"))
writes = Router(auth=auth.write, throttle=ApiThrottle(scope="write"))


def _url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


# Programmes --------------------------------------------------------------------------------


def _programme(request: HttpRequest, p: Programme) -> dict[str, Any]:
    return {
        "slug": p.slug,
        "name": p.name,
        "kind": p.kind,
        "tagline": p.tagline,
        "description": p.description,
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "url": _url(request, p.get_absolute_url()),
    }


@reads.get("/programmes", response={200: Page[ProgrammeOut], **READ_ERRORS}, tags=["programmes"])
def programme_list(request: HttpRequest, response: HttpResponse, paging: Query[Paging]):
    """The programmes, in the order the site shows them."""
    page = paginate(request, Programme.objects.order_by("position", "name"), paging, response)
    page["results"] = [_programme(request, p) for p in page["results"]]
    return page


@reads.get("/programmes/{slug}", response={200: ProgrammeOut, **READ_ERRORS}, tags=["programmes"])
def programme_get(request: HttpRequest, response: HttpResponse, slug: str):
    """One programme."""
    programme = get_object_or_404(Programme, slug=slug)
    last_modified(response, programme.updated_at)
    return _programme(request, programme)


# Coalitions --------------------------------------------------------------------------------


class CoalitionFilters(Paging):
    programme: str = ""
    status: CoalitionStatus | None = None
    q: str = ""


def _coalition_item(request: HttpRequest, c: Coalition) -> dict[str, Any]:
    return {
        "slug": c.slug,
        "title": c.title,
        "summary": c.summary,
        "status": c.status,
        "programme": c.programme.slug,
        "published": c.is_published,
        "updated_at": c.updated_at,
        "url": _url(request, c.get_absolute_url()),
    }


@reads.get("/coalitions", response={200: Page[CoalitionItem], **READ_ERRORS}, tags=["coalitions"])
def coalition_list(request: HttpRequest, response: HttpResponse, filters: Query[CoalitionFilters]):
    """The coalitions you can see (published ones, and yours), newest change first; filter by
    programme slug, status and words."""
    qs = coalition_selectors.coalition_list(
        viewer=request.user,
        programme=filters.programme[:100],
        status=filters.status or "",
        q=filters.q[:200],
    )
    page = paginate(request, qs, filters, response)
    page["results"] = [_coalition_item(request, c) for c in page["results"]]
    return page


def _visible_coalition(request: HttpRequest, slug: str) -> Coalition:
    """404 (a problem body) for a coalition the caller may not see."""
    return coalition_selectors.coalition_visible_to(slug=slug, viewer=request.user)


def _coalition(request: HttpRequest, c: Coalition) -> dict[str, Any]:
    h = coalition_selectors.coalition_heterogeneity(c)
    private = request.user.has_perm("coalitions.view_members_section", c)
    return {
        **_coalition_item(request, c),
        "diagnostic": c.diagnostic,
        "swot": {
            "strengths": c.swot_strengths,
            "weaknesses": c.swot_weaknesses,
            "opportunities": c.swot_opportunities,
            "threats": c.swot_threats,
        },
        "impact_statement": c.impact_statement,
        "target_date": c.target_date,
        "levers": c.levers,
        "seeking": c.seeking,
        "evaluation": c.evaluation,
        "members_notes": c.members_notes if private else None,
        "milestones": [
            {"title": m.title, "due_date": m.due_date, "status": m.status}
            for m in c.milestones.all()
        ],
        "members": [
            {
                "name": str(m.person) if m.person.is_listed or private else None,
                "organisation": m.organisation.name if m.organisation else None,
                "organisation_kind": m.organisation.kind if m.organisation else None,
                "role": m.role,
            }
            for m in c.members.all()
        ],
        "heterogeneity": {
            "index": round(h.index, 4),
            "actors": h.actors,
            "kinds": {share.kind: share.count for share in h.breakdown},
        },
        "revision": coalition_selectors.coalition_revision(coalition=c),
    }


@reads.get("/coalitions/{slug}", response={200: CoalitionOut, **READ_ERRORS}, tags=["coalitions"])
def coalition_get(request: HttpRequest, response: HttpResponse, slug: str):
    """A coalition's whole canvas, its path and members, and its heterogeneity."""
    coalition = _visible_coalition(request, slug)
    last_modified(response, coalition.updated_at)
    return _coalition(request, coalition)


@writes.patch(
    "/coalitions/{slug}/canvas", response={200: CoalitionOut, **WRITE_ERRORS}, tags=["coalitions"]
)
def coalition_canvas_update(request: HttpRequest, slug: str, canvas: CanvasIn):
    """Change canvas fields (leads and the programme team). Send base_revision to be told,
    with 409, that someone saved in between instead of overwriting their work."""
    coalition = _visible_coalition(request, slug)
    data = canvas.dict(exclude_unset=True)
    base = data.pop("base_revision", None)
    if "title" in data and not data["title"]:
        raise BusinessError(_("A coalition needs a title."), field="title")
    # null clears a text (to "") or the target date (to no date)
    data = {k: ("" if v is None and k != "target_date" else v) for k, v in data.items()}
    coalition_services.coalition_update_canvas(
        coalition=coalition, by=request.user, data=data, base_revision=base
    )
    return _coalition(request, _visible_coalition(request, slug))


# Indicators and measurements ---------------------------------------------------------------


def _indicator(i: Indicator) -> dict[str, Any]:
    return {
        "id": i.pk,
        "name": i.name,
        "description": i.description,
        "unit": i.unit,
        "direction": i.direction,
        "baseline": {"value": float(i.baseline_value), "date": i.baseline_date},
        "target": {"value": float(i.target_value), "date": i.target_date},
        "status": str(i.progress.status),
        "progress": i.progress.raw,
        "measurements": [
            {
                "measured_on": m.measured_on,
                "value": float(m.value),
                "source": m.source,
                "note": m.note,
            }
            for m in i.measurements.all()
        ],
    }


@reads.get(
    "/coalitions/{slug}/indicators",
    response={200: list[IndicatorOut], **READ_ERRORS},
    tags=["evaluation"],
)
def indicator_list(request: HttpRequest, response: HttpResponse, slug: str):
    """The coalition's impact indicators you can see, with their measurements and status."""
    coalition = _visible_coalition(request, slug)
    indicators = evaluation_selectors.indicators_for(coalition=coalition, viewer=request.user)
    last_modified(response, max((i.updated_at for i in indicators), default=None))
    return [_indicator(i) for i in indicators]


@writes.post(
    "/indicators/{indicator_id}/measurements",
    response={201: IndicatorOut, **WRITE_ERRORS},
    tags=["evaluation"],
)
def measurement_create(request: HttpRequest, indicator_id: int, measurement: MeasurementIn):
    """Record a dated measurement (the coalition's leads and the programme team)."""
    indicator = get_object_or_404(Indicator.objects.select_related("coalition"), pk=indicator_id)
    coalition = _visible_coalition(request, indicator.coalition.slug)
    indicator = evaluation_selectors.indicator_detail(
        coalition=coalition, pk=indicator.pk, viewer=request.user
    )
    evaluation_services.measurement_record(
        indicator=indicator,
        by=request.user,
        value=measurement.value,
        measured_on=measurement.measured_on,
        source=measurement.source,
        note=measurement.note,
    )
    fresh = evaluation_selectors.indicator_detail(
        coalition=coalition, pk=indicator.pk, viewer=request.user
    )
    return Status(201, _indicator(fresh))


# Calls -------------------------------------------------------------------------------------


def _call_item(request: HttpRequest, c: Call) -> dict[str, Any]:
    return {
        "slug": c.slug,
        "title": c.title,
        "kind": c.kind,
        "programme": c.programme.slug,
        "status": str(c.status),
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
        "decided_at": c.decided_at,
        "url": _url(request, c.get_absolute_url()),
    }


@reads.get("/calls", response={200: Page[CallItem], **READ_ERRORS}, tags=["calls"])
def call_list(request: HttpRequest, response: HttpResponse, paging: Query[Paging]):
    """Open calls first, then upcoming, closed and decided ones."""
    page = paginate(request, call_selectors.call_list(viewer=request.user), paging, response)
    page["results"] = [_call_item(request, c) for c in page["results"]]
    return page


@reads.get("/calls/{slug}", response={200: CallOut, **READ_ERRORS}, tags=["calls"])
def call_get(request: HttpRequest, response: HttpResponse, slug: str):
    """A call, its rubric and, once decided, its accepted projects."""
    call = get_object_or_404(
        call_selectors.call_list(viewer=request.user).prefetch_related("criteria"), slug=slug
    )
    last_modified(response, call.updated_at)
    accepted = call_selectors.accepted_projects(call=call) if call.decided_at else []
    return {
        **_call_item(request, call),
        "description": call.description,
        "eligibility": call.eligibility,
        "criteria": [
            {"name": c.name, "weight": float(c.weight), "scale": c.scale}
            for c in call.criteria.all()
        ],
        "accepted_projects": [
            {
                "title": s.title,
                "organisation": s.organisation.name if s.organisation else None,
                "coalition": s.coalition.slug if s.coalition else None,
            }
            for s in accepted
        ],
    }


# Events and registrations ------------------------------------------------------------------


class EventFilters(Paging):
    when: str = "upcoming"
    programme: str = ""


def _event(request: HttpRequest, e: Event, seats: int) -> dict[str, Any]:
    return {
        "slug": e.slug,
        "title": e.title,
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
        "url": _url(request, e.get_absolute_url()),
    }


@reads.get("/events", response={200: Page[EventOut], **READ_ERRORS}, tags=["agenda"])
def event_list(request: HttpRequest, response: HttpResponse, filters: Query[EventFilters]):
    """Events you can see: upcoming (soonest first) or past (when=past, latest first)."""
    qs = agenda_selectors.event_list(
        viewer=request.user,
        when="past" if filters.when == "past" else "upcoming",
        programme=filters.programme[:100],
    )
    page = paginate(request, qs, filters, response)
    page["results"] = [_event(request, e, e.seats_taken) for e in page["results"]]
    return page


def _visible_event(request: HttpRequest, slug: str) -> Event:
    return get_object_or_404(
        Event.objects.filter(agenda_selectors.event_visible_q(request.user))
        .select_related("programme", "coalition")
        .distinct(),
        slug=slug,
    )


@reads.get("/events/{slug}", response={200: EventOut, **READ_ERRORS}, tags=["agenda"])
def event_get(request: HttpRequest, response: HttpResponse, slug: str):
    """One event, with the seats taken."""
    event = _visible_event(request, slug)
    last_modified(response, event.updated_at)
    return _event(request, event, agenda_selectors.event_seats(event=event)["taken"])


@writes.post(
    "/events/{slug}/registration",
    response={201: RegistrationOut, **WRITE_ERRORS},
    tags=["agenda"],
)
def registration_create(request: HttpRequest, slug: str):
    """Register for an event: a seat, or a place on the waiting list when it is full."""
    event = _visible_event(request, slug)
    registration = agenda_services.registration_create(event=event, by=request.user)
    return Status(201, {"event": event.slug, "status": registration.status})


@writes.delete(
    "/events/{slug}/registration",
    response={200: RegistrationOut, **WRITE_ERRORS},
    tags=["agenda"],
)
def registration_cancel(request: HttpRequest, slug: str):
    """Cancel your registration; the first on the waiting list takes the seat."""
    event = _visible_event(request, slug)
    registration = agenda_selectors.registration_for(event=event, user=request.user)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise Http404
    registration = agenda_services.registration_cancel(registration=registration, by=request.user)
    return {"event": event.slug, "status": registration.status}


# The token's owner -------------------------------------------------------------------------


@reads.get("/me", response={200: MeOut, **READ_ERRORS}, tags=["me"])
def me(request: HttpRequest):
    """Whose token this is, and what it may do (401 without a token)."""
    if not request.user.is_authenticated:
        raise AuthenticationError
    person = person_for_user(user=request.user)
    if person is None:
        raise Http404
    return {
        "name": str(person),
        "profile": _url(request, person.get_absolute_url()),
        "token": request.auth.prefix,
        "scope": request.auth.scope,
    }

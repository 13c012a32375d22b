"""What the agenda contributes: a person's upcoming events on their own profile, the next events
of a programme or a coalition on its page, its personal data and its open data (public
events)."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Organisation, Person
from alliage.coalitions.models import Coalition, Programme
from alliage.core import hooks
from alliage.core.audit import audit_targets_q
from alliage.core.hooks import NavItem, Section, Slot
from alliage.core.opendata import register_queryset_exporter
from alliage.core.personal_data import register_personal_data
from alliage.notifications.kinds import Delivery, Kind

from . import selectors
from .audit import AuditAction
from .models import Audience, Event, Series
from .selfdata import PERSONAL_DATA
from .services import EVENT_SCHEDULED, SEAT_FREED

register_personal_data(PERSONAL_DATA)


@hooks.register(hooks.ACTOR_SECTIONS, order=20)
def events_section(request: HttpRequest, actor: Organisation | Person) -> Section | None:
    if not isinstance(actor, Person) or actor.user_id != request.user.pk:
        return None
    rows = [
        (r.event, r.get_status_display())
        for r in selectors.registrations_of(person=actor).filter(
            event__ends_at__gte=timezone.now()
        )[:10]
    ]
    return Section(template="agenda/_profile_events.html", context={"rows": rows})


@hooks.register(hooks.PAGE_SECTIONS, order=10)
def upcoming_section(request: HttpRequest, obj: object) -> Section | None:
    """The next events of a programme or a coalition, with their calendar feed."""
    if not isinstance(obj, Programme | Coalition):
        return None
    # The visibility filter is made of subqueries: rows never repeat, no DISTINCT needed.
    events = Event.objects.filter(
        selectors.event_visible_q(request.user), ends_at__gte=timezone.now()
    )
    if isinstance(obj, Programme):
        events = events.filter(programme=obj)
        feed = reverse("agenda:programme-ics", args=[obj.slug])
    else:
        events = events.filter(coalition=obj)
        feed = reverse("agenda:coalition-ics", args=[obj.slug])
    return Section(
        template="agenda/_upcoming.html",
        context={"events": list(events.order_by("starts_at")[:4]), "feed": feed},
    )


register_queryset_exporter(
    "events",
    title=_("Events"),
    description=_("Events open to everyone (their online link is not included)."),
    queryset=lambda: Event.objects.filter(audience=Audience.PUBLIC).order_by("starts_at"),
    fields="slug title kind programme__slug starts_at ends_at timezone place status "
    "capacity description",
    app_label="agenda",
)


hooks.register(hooks.AUDIT_ACTIONS, AuditAction)
hooks.register(
    hooks.TEAM_NAV, NavItem(label=_("Events"), url_name="team:agenda:event-list"), order=30
)


@hooks.register(hooks.TEAM_PULSE, order=30)
def events_pulse(request: HttpRequest, programmes: list[Programme]) -> Section | None:
    """The next 60 days of the programmes' events, each with its fill rate and waiting list
    (two queries, whatever the number of events)."""
    if not programmes:
        return None
    data = selectors.pulse_events(programme_ids=[p.pk for p in programmes])
    return Section(
        template="agenda/team/_pulse.html",
        context={**data, "days": selectors.PULSE_DAYS},
        slot=Slot.MAIN,
    )


@hooks.register(hooks.ME_SECTIONS, order=30)
def my_registrations_section(request: HttpRequest, person: Person | None) -> Section | None:
    """My seats at the events to come."""
    if person is None:
        return None
    return Section(
        template="agenda/_me_registrations.html",
        context={"rows": selectors.my_upcoming(person=person, waiting=False)},
        slot=Slot.MAIN,
    )


@hooks.register(hooks.ME_SECTIONS, order=30)
def my_waiting_section(request: HttpRequest, person: Person | None) -> Section | None:
    """My places on waiting lists: shown only when there are some."""
    if person is None:
        return None
    rows = selectors.my_upcoming(person=person, waiting=True)
    if not rows:
        return None
    return Section(template="agenda/_me_waiting.html", context={"rows": rows}, slot=Slot.WAITING)


@hooks.register(hooks.AUDIT_SCOPE)
def audit_about_events(programme_ids: frozenset[int]) -> Q:
    """A programme's team reads what was done to its events and series."""
    return audit_targets_q(Event.objects.filter(programme__in=programme_ids)) | audit_targets_q(
        Series.objects.filter(programme__in=programme_ids)
    )


hooks.register(hooks.SEARCH_INDEXES, selectors.SEARCH_INDEX)

for _kind in (
    Kind(
        key=EVENT_SCHEDULED,
        label=_("A public event is scheduled in a programme I follow"),
        message=_("New event in %(programme)s: %(event)s."),
        default=Delivery.DAILY,
        group=_("Agenda"),
    ),
    Kind(
        key=SEAT_FREED,
        label=_("A seat is freed for me at an event I wait for"),
        message=_("A seat was freed for you: you are registered for %(event)s."),
        default=Delivery.NEVER,  # the agenda's own e-mail goes out anyway
        group=_("Agenda"),
    ),
):
    hooks.register(hooks.NOTIFICATION_KINDS, _kind)

"""A person's upcoming events on their own profile page (only they see it)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from alliage.actors.models import Organisation, Person
from alliage.actors.registry import ProfileSection
from alliage.coalitions.models import Coalition, Programme

from . import selectors
from .models import Event


def events_section(request: HttpRequest, actor: Organisation | Person) -> ProfileSection | None:
    if not isinstance(actor, Person) or actor.user_id != request.user.pk:
        return None
    rows = [
        (r.event, r.get_status_display())
        for r in selectors.registrations_of(person=actor).filter(
            event__ends_at__gte=timezone.now()
        )[:10]
    ]
    return ProfileSection(template="agenda/_profile_events.html", context={"rows": rows})


def upcoming_section(request: HttpRequest, obj: Programme | Coalition) -> ProfileSection:
    """The next events of a programme or a coalition, with their calendar feed."""
    events = Event.objects.filter(
        selectors.event_visible_q(request.user), ends_at__gte=timezone.now()
    ).distinct()
    if isinstance(obj, Programme):
        events = events.filter(programme=obj)
        feed = reverse("agenda:programme-ics", args=[obj.slug])
    else:
        events = events.filter(coalition=obj)
        feed = reverse("agenda:coalition-ics", args=[obj.slug])
    return ProfileSection(
        template="agenda/_upcoming.html",
        context={"events": list(events.order_by("starts_at")[:4]), "feed": feed},
    )

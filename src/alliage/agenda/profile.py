"""A person's upcoming events on their own profile page (only they see it)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from alliage.actors.models import Organisation, Person
from alliage.actors.registry import ProfileSection

from . import selectors


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

"""Calendar feeds (iCalendar): the public agenda, a programme's, a coalition's, one event's,
and a person's private feed behind its secret address. HEAD stays answered, as before, for
the clients that check a feed before fetching it."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from alliage.coalitions import selectors as coalition_selectors
from alliage.core.http import access_or_404

from .. import selectors, services
from ..calendar import calendar_for
from ..models import Event


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def _public_feed(
    request: HttpRequest, events: QuerySet[Event], *, name: str, filename: str
) -> HttpResponse:
    """A public feed answering conditional GET: a calendar client that polls every few minutes
    gets a 304 without the feed being written again while nothing in it changed."""
    version = selectors.feed_version(events)
    # The feed's name (a coalition's title) and language are in it too.
    seen = f"{version}|{get_language()}|{name}"
    etag = '"' + hashlib.sha256(seen.encode()).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = _ics(calendar_for(events, name=name, base_url=_base_url(request)), filename)
    response["ETag"] = etag
    patch_vary_headers(response, ["Accept-Language"])
    return response


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_or_404(request, selectors.event_detail, "agenda.see_event", slug=slug)
    body = calendar_for(
        [event],
        name=event.title,
        base_url=_base_url(request),
        include_private_links=request.user.has_perm("agenda.see_online_link", event),
    )
    return _ics(body, event.slug)


@require_safe
def agenda_ics(request: HttpRequest) -> HttpResponse:
    return _public_feed(
        request,
        selectors.public_feed_events(),
        name=_("%(site)s agenda") % {"site": settings.SITE_NAME},
        filename="agenda",
    )


@require_safe
def programme_ics(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        programme = coalition_selectors.programme_detail(slug=slug)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    return _public_feed(
        request,
        selectors.public_feed_events(programme_id=programme.pk),
        name=f"{settings.SITE_NAME} — {programme.name}",
        filename=programme.slug,
    )


@require_safe
def coalition_ics(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = access_or_404(
        request, coalition_selectors.coalition_detail, "coalitions.see_coalition", slug=slug
    )
    return _public_feed(
        request,
        selectors.public_feed_events(coalition_id=coalition.pk),
        name=f"{settings.SITE_NAME} — {coalition.title}",
        filename=coalition.slug,
    )


@require_safe
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

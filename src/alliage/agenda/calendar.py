"""iCalendar (RFC 5545) feeds of agenda events.

Calendar clients never receive deletions or diffs: they poll the feed and reconcile what they
already stored with what they read. Three things make that reconciliation reliable:

* the UID of an event is derived from its primary key and the site's host, never from its
  title, slug or dates, so an edited event replaces its old copy instead of duplicating it;
* SEQUENCE is the event's revision counter: clients (and invitations imported into them) keep
  the copy with the highest SEQUENCE, so a change must raise it, which ``Event.sequence`` does;
* start and end are written as wall-clock times with a TZID, in the event's own time zone,
  together with a VTIMEZONE describing that zone. An event "at 10:00 in Paris" then stays at
  10:00 on either side of a daylight-saving change, whatever the reader's own zone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from django.utils.translation import gettext
from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from alliage.agenda.models import Event, EventStatus
from alliage.core.text import one_line, plain_text

PRODID = "-//Alliage//Agenda//FR"
DEFAULT_TIMEZONE = "Europe/Paris"

STATUSES: dict[str, str] = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def calendar_for(
    events: Iterable[Event],
    *,
    name: str,
    base_url: str,
    description: str = "",
    include_private_links: bool = False,
    private_links_for: Collection[int] = (),
) -> bytes:
    """Return a VCALENDAR publishing ``events``, serialised with CRLF line endings.

    ``base_url`` is the site's scheme and host (``https://alliage.example.org``): it prefixes
    the events' page addresses and its host scopes their UIDs. Online links that are not public
    are only written when ``include_private_links`` is set (the viewer may see every link) or
    for the events listed in ``private_links_for`` (a personal feed: where the person has a seat).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", DEFAULT_TIMEZONE)
    if description:
        calendar.add("x-wr-caldesc", plain_text(description))

    host = urlsplit(base_url).hostname or "localhost"
    base_url = base_url.rstrip("/")
    first: date | None = None
    last: date | None = None
    for event in events:
        calendar.add_component(
            _vevent(
                event,
                host=host,
                base_url=base_url,
                private=include_private_links or event.pk in private_links_for,
            )
        )
        start, end = event.starts_at.astimezone(event.tz), event.ends_at.astimezone(event.tz)
        first = min(first or start.date(), start.date())
        last = max(last or end.date(), end.date())

    if first is None or last is None:
        # RFC 5545 wants at least one component: an empty feed still describes its zone.
        year = date.today().year  # noqa: DTZ011 - only the year is used
        calendar.add_component(
            Timezone.from_tzid(
                "Europe/Paris", first_date=date(year, 1, 1), last_date=date(year + 1, 1, 1)
            )
        )
    else:
        # One VTIMEZONE per TZID used, covering whole years around the events rather than
        # icalendar's fixed 1970-2038 window: smaller, and right for events after 2038 too.
        calendar.add_missing_timezones(
            first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 1, 1)
        )
    return calendar.to_ical()


def _vevent(event: Event, *, host: str, base_url: str, private: bool) -> VEvent:
    """One VEVENT; its UID must never change for the life of the event. Every text is made
    writable first (``core.text``): a stored title with a line break, whoever wrote it, must
    not break the feed of everyone who follows it."""
    url = base_url + event.get_absolute_url()
    online_url = event.online_url if event.online_url_public or private else ""

    vevent = VEvent()
    vevent.add("uid", f"event-{event.pk}@{host}")
    vevent.add("dtstamp", _utc(event.updated_at))
    vevent.add("created", _utc(event.created_at))
    vevent.add("last-modified", _utc(event.updated_at))
    vevent.add("sequence", event.sequence)
    # Local wall-clock times with TZID, not UTC: see the module docstring.
    vevent.add("dtstart", event.starts_at.astimezone(event.tz))
    vevent.add("dtend", event.ends_at.astimezone(event.tz))
    vevent.add("summary", one_line(event.title))
    paragraphs = [
        plain_text(event.description).strip(),
        gettext("Online: %(url)s") % {"url": online_url} if online_url else "",
        url,
    ]
    vevent.add("description", "\n\n".join(p for p in paragraphs if p))
    vevent.add("url", one_line(url))
    if location := one_line(event.place or online_url):
        vevent.add("location", location)
    vevent.add("status", STATUSES.get(event.status, "CONFIRMED"))
    return vevent


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)

"""A title or a text stored with line breaks or control characters, whoever wrote it, never
breaks a calendar or a library feed (F8)."""

from __future__ import annotations

import pytest
from django.test import Client
from icalendar import Calendar

from alliage.agenda.models import Event
from alliage.coalitions.models import Coalition
from alliage.commons.models import Publication

from ..factories import CoalitionFactory, EventFactory, PublicationFactory

pytestmark = pytest.mark.django_db

INJECTION = "ICSx\r\nBEGIN:VEVENT\r\nSUMMARY:INJECTED-EVENT\r\nEND:VEVENT\x0b\x1b\u2028"


def parsed(response) -> Calendar:
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def test_a_coalition_feed_survives_titles_stored_with_line_breaks() -> None:
    coalition = CoalitionFactory(is_published=True)
    event = EventFactory(programme=coalition.programme, coalition=coalition)
    # Straight into the database, as an old row or another caller could have left them.
    Coalition.objects.filter(pk=coalition.pk).update(title=INJECTION)
    Event.objects.filter(pk=event.pk).update(
        title=INJECTION,
        description="Première ligne\r\nSeconde\x07 ligne\rTroisième",
        place="Salle 1\nBâtiment B",
    )
    calendar = parsed(Client().get(f"/agenda/coalitions/{coalition.slug}.ics"))
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    summary = str(events[0]["SUMMARY"])
    assert summary == "ICSx BEGIN:VEVENT SUMMARY:INJECTED-EVENT END:VEVENT"
    assert "\n" not in str(calendar["X-WR-CALNAME"])
    assert str(events[0]["LOCATION"]) == "Salle 1 Bâtiment B"
    description = str(events[0]["DESCRIPTION"])
    assert description.startswith("Première ligne\nSeconde  ligne\nTroisième")


@pytest.mark.parametrize("url", ["/agenda/calendar.ics", "/agenda/{event}/event.ics",
                                 "/agenda/programmes/{programme}.ics"])  # fmt: skip
def test_every_calendar_feed_survives_a_stored_title(url: str) -> None:
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(title=INJECTION)
    calendar = parsed(Client().get(url.format(event=event.slug, programme=event.programme.slug)))
    assert len(calendar.walk("VEVENT")) == 1


def test_the_library_feeds_survive_control_characters() -> None:
    publication = PublicationFactory()
    Publication.objects.filter(pk=publication.pk).update(
        title="Cahier\r\nINJECTÉ\x0b", summary="Un résumé\x1b sur\r\ndeux lignes."
    )
    for url in ("/library/feed.rss", "/library/feed.atom"):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert "Cahier INJECTÉ" in response.content.decode()

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliage.agenda import services
from alliage.agenda.models import Registration

from ..clients import client_for
from ..factories import (
    AffiliationFactory,
    CoalitionFactory,
    EventFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_agenda_lists_upcoming_and_past_public_events() -> None:
    now = dt.datetime.now(tz=dt.UTC)
    EventFactory(title="Reset Day à venir")
    EventFactory(
        title="Reset Day passé",
        starts_at=now - dt.timedelta(days=3),
        ends_at=now - dt.timedelta(days=3, hours=-2),
    )
    EventFactory(title="Petit-déjeuner réservé", audience="members")
    upcoming = Client().get("/agenda/").content.decode()
    assert "Reset Day à venir" in upcoming and "Reset Day passé" not in upcoming
    assert "Petit-déjeuner réservé" not in upcoming
    past = Client().get("/agenda/", {"when": "past"}).content.decode()
    assert "Reset Day passé" in past and "Reset Day à venir" not in past


def test_members_see_members_events() -> None:
    EventFactory(title="Petit-déjeuner réservé", audience="members", kind="breakfast")
    member = AffiliationFactory().person
    MembershipFactory(organisation=member.affiliations.get().organisation)
    body = client_for(member.user).get("/agenda/", {"kind": "breakfast"}).content.decode()
    assert "Petit-déjeuner réservé" in body


def test_agenda_query_count_is_constant(django_assert_max_num_queries) -> None:
    for _ in range(25):
        event = EventFactory(capacity=10)
        services.registration_create(event=event, by=PersonFactory().user)
    with django_assert_max_num_queries(6):
        assert Client().get("/agenda/").status_code == 200


def test_month_view_places_events_on_their_day() -> None:
    start = dt.datetime(2027, 3, 28, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    EventFactory(
        title="Journée du changement d'heure",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    body = Client().get("/agenda/month/2027/3/").content.decode()
    grid = body.split('<table class="month">')[1].split("</table>")[0]
    cell = grid.split(">28</span>")[1].split("</td>")[0]
    assert ">10:00</time>" in cell and "Journée du changement d&#x27;heure</span>" in cell
    assert Client().get("/agenda/month/2027/13/").status_code == 404


def month_list(body: str) -> str:
    """The phone's rendering of the month page: the list of its days with events."""
    return body.split('<div class="month-list">')[1].split("</main>")[0]


def test_month_page_lists_days_with_events_for_phones() -> None:
    """On a phone the page shows a list instead of the grid: one heading per day with events
    (weekday and date in the reader's language), then each event's time and whole title as a
    link; days without events and the neighbouring months' days are not in it."""
    long_title = "Reset Day — décembre 2027 : découvrir la méthode Facteur 4 en coalition"
    paris = dt.timezone(dt.timedelta(hours=1))
    event = EventFactory(
        title=long_title,
        starts_at=dt.datetime(2027, 12, 17, 9, 30, tzinfo=paris),
        ends_at=dt.datetime(2027, 12, 17, 12, 0, tzinfo=paris),
    )
    EventFactory(
        title="Atelier de janvier",
        starts_at=dt.datetime(2028, 1, 2, 14, 0, tzinfo=paris),
        ends_at=dt.datetime(2028, 1, 2, 16, 0, tzinfo=paris),
    )
    french = month_list(Client().get("/agenda/month/2027/12/").content.decode())
    assert french.count("<h2 ") == 1
    assert "Vendredi 17 décembre</time></h2>" in french
    assert f'href="{event.get_absolute_url()}"' in french
    assert ">09:30</time>" in french
    assert long_title.replace("'", "&#x27;") in french
    # 2 January is in the grid's last week, not in December's list
    assert "Atelier de janvier" not in french
    assert 'rel="prev"' in french and 'rel="next"' in french
    english = month_list(Client().get("/en/agenda/month/2027/12/").content.decode())
    assert "Friday 17 December</time></h2>" in english


def test_month_page_list_marks_today_and_says_when_the_month_is_empty() -> None:
    today = timezone.localdate()
    body = Client().get(f"/agenda/month/{today.year}/{today.month}/").content.decode()
    listed = month_list(body)
    assert 'class="month-day today"' in listed
    assert '<span class="today-badge">Aujourd' in listed
    empty = month_list(Client().get("/en/agenda/month/2031/2/").content.decode())
    assert "<h2 " not in empty and "No event this month." in empty


def test_event_page_has_json_ld_and_hides_private_link() -> None:
    event = EventFactory(
        title="Webinaire </script><script>alert(1)</script>",
        online_url="https://visio.example.org/secret",
    )
    response = Client().get(event.get_absolute_url())
    body = response.content.decode()
    assert "https://visio.example.org/secret" not in body
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Event" and data["name"] == event.title
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["startDate"].endswith(("+01:00", "+02:00"))
    user = PersonFactory().user
    client = client_for(user)
    client.post(reverse("agenda:event-register", args=[event.slug]))
    assert (
        "https://visio.example.org/secret" in client.get(event.get_absolute_url()).content.decode()
    )


def test_register_through_the_page_and_forged_posts_are_refused() -> None:
    members_only = EventFactory(audience="members")
    user = PersonFactory().user
    client = client_for(user)
    response = client.post(reverse("agenda:event-register", args=[members_only.slug]))
    assert response.status_code == 404  # not even visible
    assert not Registration.objects.exists()
    anonymous = Client().post(reverse("agenda:event-register", args=[EventFactory().slug]))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    public = EventFactory(capacity=1)
    client.post(reverse("agenda:event-register", args=[public.slug]))
    page = client.get(public.get_absolute_url()).content.decode()
    assert "Vous êtes inscrit" in page


def test_cancel_link_needs_a_click_then_promotes() -> None:
    event = EventFactory(capacity=1)
    first = services.registration_create(event=event, by=PersonFactory().user)
    services.registration_create(event=event, by=PersonFactory().user)
    url = reverse("agenda:registration-cancel-link", args=[first.cancel_token])
    assert Client().get(url).status_code == 200
    first.refresh_from_db()
    assert first.status == "confirmed"  # a mail scanner following the link cancels nothing
    Client().post(url)
    assert list(Registration.objects.order_by("id").values_list("status", flat=True)) == [
        "cancelled",
        "confirmed",
    ]
    assert (
        Client().get(reverse("agenda:registration-cancel-link", args=["nope"])).status_code == 404
    )


def test_attendees_page_csv_and_attendance_for_the_team_only() -> None:
    event = EventFactory()
    team = UserFactory()
    event.programme.team.add(team)
    person = PersonFactory(first_name="=cmd|' /C calc'!A0")
    registration = services.registration_create(event=event, by=person.user)
    url = reverse("agenda:event-attendees", args=[event.slug])
    assert client_for(person.user).get(url).status_code == 403
    assert Client().get(url).status_code == 302
    team_client = client_for(team)
    page = team_client.get(url).content.decode()
    assert 'name="attended"' not in page and "partir du jour de l'événement" in page
    refused = team_client.post(url, {"registration": registration.pk, "attended": "1"}, follow=True)
    assert "partir du jour de l'événement" in refused.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    now = dt.datetime.now(tz=dt.UTC)
    type(event).objects.filter(pk=event.pk).update(
        starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=2)
    )
    assert 'name="attended" value="1"' in team_client.get(url).content.decode()
    team_client.post(url, {"registration": registration.pk, "attended": "1"})
    registration.refresh_from_db()
    assert registration.status == "attended"
    other = services.registration_create(event=EventFactory(), by=PersonFactory().user)
    assert team_client.post(url, {"registration": other.pk, "attended": "1"}).status_code == 404
    response = team_client.get(url, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Prénom"
    assert rows[1][0].startswith("'=")  # formula neutralised
    assert rows[1][4] == "Présent"


def test_feeds_parse_and_list_only_public_events() -> None:
    coalition = CoalitionFactory()
    public = EventFactory(title="Public", coalition=coalition, programme=coalition.programme)
    EventFactory(title="Adhérents", audience="members", programme=coalition.programme)
    for url in (
        "/agenda/calendar.ics",
        f"/agenda/programmes/{coalition.programme.slug}.ics",
        f"/agenda/coalitions/{coalition.slug}.ics",
        f"/agenda/{public.slug}/event.ics",
    ):
        response = Client().get(url)
        assert response["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.content)
        assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Public"], url


def test_personal_feed_behind_a_revocable_token() -> None:
    person = PersonFactory()
    event = EventFactory(audience="members", title="Petit-déjeuner")
    event.invited.add(person)
    services.registration_create(event=EventFactory(title="Reset Day"), by=person.user)
    client = client_for(person.user)
    page = client.post(reverse("agenda:my-registrations"), {"action": "renew"})
    url = page.context["feed_url"]
    path = url.replace("http://testserver", "")
    calendar = icalendar.Calendar.from_ical(Client().get(path).content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Reset Day"]
    client.post(reverse("agenda:my-registrations"), {"action": "revoke"})
    assert Client().get(path).status_code == 404


def test_my_registrations_page() -> None:
    person = PersonFactory()
    services.registration_create(event=EventFactory(title="Assemblée #Reset"), by=person.user)
    body = client_for(person.user).get(reverse("agenda:my-registrations")).content.decode()
    assert "Assemblée #Reset" in body


def test_my_registrations_page_creates_no_person_on_get() -> None:
    from alliage.actors.models import Person

    user = UserFactory()
    assert client_for(user).get(reverse("agenda:my-registrations")).status_code == 200
    assert not Person.objects.filter(user=user).exists()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_members_only_event_tells_who_it_is_for_instead_of_404(language) -> None:
    event = EventFactory(title="Petit-déjeuner réservé", audience="members")
    prefix = "" if language == "fr" else "/en"
    path = prefix + event.get_absolute_url().removeprefix("/en")
    visitor = client_for(PersonFactory().user)
    for client in (Client(), visitor):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
        body = response.content.decode()
        assert response.status_code == 403
        assert "Petit-déjeuner réservé" in body
        assert reverse("membership:page").removeprefix("/en") in body  # how to join
        if language == "en":  # the French comes with the catalogue (fr.json)
            assert "This event is reserved for the adhérents" in body
        assert "no-store" in response["Cache-Control"]
    assert "/accounts/login/" in Client().get(path).content.decode()
    assert event.description not in visitor.get(path).content.decode() or not event.description


def test_private_events_stay_unknown() -> None:
    invitation = EventFactory(audience="invitation")
    coalition_event = EventFactory(audience="coalition", coalition=CoalitionFactory())
    visitor = client_for(PersonFactory().user)
    for event in (invitation, coalition_event):
        for client in (Client(), visitor):
            assert client.get(event.get_absolute_url()).status_code == 404
    assert Client().get("/agenda/no-such-event/").status_code == 404


def test_adherent_sees_the_members_only_event() -> None:
    event = EventFactory(audience="members")
    member = AffiliationFactory().person
    MembershipFactory(organisation=member.affiliations.get().organisation)
    assert client_for(member.user).get(event.get_absolute_url()).status_code == 200


def test_leaving_the_waiting_list_says_so() -> None:
    event = EventFactory(capacity=1)
    services.registration_create(event=event, by=PersonFactory().user)
    waiting = PersonFactory().user
    services.registration_create(event=event, by=waiting)
    page = client_for(waiting).post(
        "/en" + reverse("agenda:event-unregister", args=[event.slug]).removeprefix("/en"),
        follow=True,
    )
    body = page.content.decode()
    assert "You left the waiting list." in body and "registration is cancelled" not in body

"""The team's side of the agenda: series in words and kept in step, events created, edited,
duplicated, cancelled (everyone told in their own language), invitations, the dashboard panel
and a person's own space."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from alliage.agenda import hooks as agenda_hooks
from alliage.agenda import recurrence, selectors, services
from alliage.agenda.models import Event, Registration, Series
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import AuditEntry

from ..factories import (
    AffiliationFactory,
    CoalitionFactory,
    EventFactory,
    MembershipFactory,
    PersonFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def team_of(programme):
    user = UserFactory()
    PersonFactory(user=user)
    programme.team.add(user)
    return user


def first_tuesdays(**kw) -> recurrence.Recurrence:
    values = {
        "frequency": recurrence.MONTHLY,
        "first_day": dt.date(2027, 1, 1),
        "time": dt.time(8, 30),
        "weekdays": ("TU",),
        "positions": (1,),
        "count": 6,
    }
    return recurrence.Recurrence(**{**values, **kw})


# Recurrences in words ---------------------------------------------------------------------


def test_first_tuesday_of_the_month_in_words_and_dates() -> None:
    rec = first_tuesdays()
    assert rec.rrule == "FREQ=MONTHLY;BYDAY=1TU;COUNT=6"
    starts = rec.starts(PARIS, 3)
    assert [s.date() for s in starts] == [
        dt.date(2027, 1, 5),
        dt.date(2027, 2, 2),
        dt.date(2027, 3, 2),
    ]
    assert all(s.hour == 8 and s.minute == 30 for s in starts)
    with translation.override("en"):
        assert rec.sentence() == "Every first Tuesday of the month at 8:30 a.m., 6 times"
    with translation.override("fr"):
        assert "mardi" in rec.sentence()


def test_every_two_weeks_on_thursday_until_a_date() -> None:
    rec = recurrence.Recurrence(
        recurrence.WEEKLY,
        dt.date(2027, 1, 1),
        dt.time(18, 0),
        ("TH",),
        interval=2,
        until=dt.date(2027, 2, 28),
    )
    assert rec.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=20270228T235959"
    assert [s.day for s in rec.starts(PARIS, 10)] == [7, 21, 4, 18]
    with translation.override("en"):
        assert rec.sentence().startswith("Every 2 weeks on Thursday at 6 p.m., until")


def test_a_stored_rule_reads_back_into_the_builder() -> None:
    rec = first_tuesdays()
    first = rec.starts(PARIS, 1)[0]
    assert recurrence.parse(rec.rrule, first, PARIS) == recurrence.Recurrence(
        recurrence.MONTHLY, dt.date(2027, 1, 5), dt.time(8, 30), ("TU",), 1, (1,), None, 6
    )
    assert recurrence.parse("FREQ=DAILY;BYHOUR=8", first, PARIS) is None


# Series kept in step ----------------------------------------------------------------------


def series_fields(programme, **kw):
    rec = first_tuesdays(first_day=timezone.localdate() + dt.timedelta(days=1), count=5)
    values = {
        "programme": programme,
        "kind": "breakfast",
        "title": "Petit-déjeuner des membres",
        "place": "Paris",
        "audience": "public",
        "capacity": 20,
        "rrule": rec.rrule,
        "first_start": rec.starts(PARIS, 1)[0],
        "duration_minutes": 90,
    }
    return {**values, **kw}


def test_series_create_makes_its_occurrences_and_refuses_outsiders() -> None:
    programme = ProgrammeFactory()
    team = team_of(programme)
    series = services.series_create(by=team, **series_fields(programme))
    occurrences = list(series.occurrences.order_by("starts_at"))
    assert len(occurrences) == 5
    assert all(e.starts_at.astimezone(PARIS).time() == dt.time(8, 30) for e in occurrences)
    assert all(e.ends_at - e.starts_at == dt.timedelta(minutes=90) for e in occurrences)
    assert AuditEntry.objects.filter(action="series.created").count() == 1
    with pytest.raises(PermissionRefused):
        services.series_create(by=team_of(ProgrammeFactory()), **series_fields(programme))


def test_series_update_moves_followers_keeps_edited_and_past_ones() -> None:
    programme = ProgrammeFactory()
    team = team_of(programme)
    series = services.series_create(by=team, **series_fields(programme))
    first, second, *rest = series.occurrences.order_by("starts_at")
    services.event_update(event=second, by=team, title="Édition spéciale")
    Event.objects.filter(pk=first.pk).update(  # now in the past
        starts_at=timezone.now() - dt.timedelta(days=3),
        ends_at=timezone.now() - dt.timedelta(days=3) + dt.timedelta(hours=1),
    )
    seated = services.registration_create(event=rest[0], by=PersonFactory().user)
    rec = first_tuesdays(first_day=timezone.localdate() + dt.timedelta(days=1), count=5)
    services.series_update(
        series=series,
        by=team,
        title="Petit-déjeuner",
        place="Lyon",
        rrule=rec.rrule,
        first_start=rec.starts(PARIS, 1)[0].replace(hour=9),
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.title == "Petit-déjeuner des membres"  # past: untouched
    assert second.title == "Édition spéciale" and second.detached
    followers = list(series.occurrences.filter(detached=False, starts_at__gt=timezone.now()))
    assert followers and all(e.title == "Petit-déjeuner" and e.place == "Lyon" for e in followers)
    assert all(e.starts_at.astimezone(PARIS).hour == 9 for e in followers)
    seated.refresh_from_db()
    assert seated.status == "confirmed"  # moved with its occurrence, not lost
    assert seated.event.starts_at.astimezone(PARIS).hour == 9


def test_series_with_fewer_dates_cancels_booked_ones_and_deletes_empty_ones() -> None:
    programme = ProgrammeFactory()
    team = team_of(programme)
    series = services.series_create(by=team, **series_fields(programme))
    last = series.occurrences.order_by("starts_at").last()
    services.registration_create(event=last, by=PersonFactory().user)
    rec = first_tuesdays(first_day=timezone.localdate() + dt.timedelta(days=1), count=2)
    services.series_update(series=series, by=team, rrule=rec.rrule)
    last.refresh_from_db()
    assert last.is_cancelled
    assert series.occurrences.exclude(status="cancelled").count() == 2
    assert series.occurrences.count() == 3  # two kept, one cancelled, two empty ones deleted


def test_an_event_needs_a_place_or_a_link_and_a_coalition_of_its_programme() -> None:
    programme = ProgrammeFactory()
    team = team_of(programme)
    start = timezone.now() + dt.timedelta(days=5)
    base = {
        "programme": programme,
        "kind": "webinar",
        "title": "Webinaire",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=1),
    }
    with pytest.raises(BusinessError) as error:
        services.event_create(by=team, **base)
    assert error.value.field == "place"
    with pytest.raises(BusinessError) as error:
        services.event_create(
            by=team, online_url="https://x.example", audience="coalition",
            coalition=CoalitionFactory(), **base,
        )  # fmt: skip
    assert error.value.field == "coalition"
    event = services.event_create(by=team, online_url="https://x.example", **base)
    assert event.pk


def test_cancel_tells_registered_and_waiting_people_in_their_language(
    django_capture_on_commit_callbacks,
) -> None:
    event = EventFactory(capacity=1, title="Reset Day")
    team = team_of(event.programme)
    english = PersonFactory()
    english.user.language = "en"
    english.user.save()
    services.registration_create(event=event, by=english.user)
    services.registration_create(event=event, by=PersonFactory().user)  # waiting, French
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=team)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[english.user.email] == "Cancelled: Reset Day"
    assert sorted(subjects.values()) == ["Annulé : Reset Day", "Cancelled: Reset Day"]
    assert AuditEntry.objects.filter(action="event.cancelled").count() == 1
    with pytest.raises(BusinessError):
        services.event_cancel(event=event, by=team)


def test_duplicate_copies_fields_and_invitations() -> None:
    event = EventFactory(audience="invitation")
    guest = PersonFactory()
    event.invited.add(guest)
    team = team_of(event.programme)
    later = event.starts_at + dt.timedelta(days=7)
    copy = services.event_duplicate(
        source=event, by=team, starts_at=later, ends_at=later + dt.timedelta(hours=2)
    )
    assert copy.pk != event.pk and copy.place == event.place and copy.audience == "invitation"
    assert list(copy.invited.all()) == [guest]


def test_invite_and_uninvite_are_audited_and_team_only() -> None:
    event = EventFactory(audience="invitation")
    team = team_of(event.programme)
    guest = PersonFactory()
    assert services.event_invite(event=event, by=team, person=guest)
    assert not services.event_invite(event=event, by=team, person=guest)
    assert guest.user.has_perm("agenda.see_event", event)
    with pytest.raises(PermissionRefused):
        services.event_uninvite(event=event, by=guest.user, person=guest)
    assert services.event_uninvite(event=event, by=team, person=guest)
    assert AuditEntry.objects.filter(action__startswith="event.").count() >= 2


# Pages --------------------------------------------------------------------------------------


def series_post(programme, **kw):
    data = {
        "programme": programme.pk,
        "kind": "breakfast",
        "title": "Petit-déjeuner",
        "timezone": "Europe/Paris",
        "place": "Paris",
        "audience": "members",
        "capacity": "30",
        "frequency": "monthly",
        "interval": "1",
        "weekdays": ["TU"],
        "positions": ["1"],
        "first_day": "2027-01-01",
        "time": "08:30",
        "duration_minutes": "90",
        "ends": "count",
        "count": "12",
    }
    data.update(kw)
    return data


def test_series_preview_shows_sentence_and_dates_without_saving(client) -> None:
    programme = ProgrammeFactory()
    client.force_login(team_of(programme))
    response = client.post(
        reverse("team:agenda:series-create"), series_post(programme, preview="1")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "mardi 5 janvier 2027, 08:30" in html  # the reader's language, the zone's time
    assert not Series.objects.exists()
    english = client.post("/en" + reverse("team:agenda:series-create"), series_post(programme))
    assert "Every first Tuesday of the month at 8:30 a.m., 12 times" in english.content.decode()


def test_series_create_by_form_then_edit_it(client) -> None:
    programme = ProgrammeFactory()
    client.force_login(team_of(programme))
    response = client.post(reverse("team:agenda:series-create"), series_post(programme, save="1"))
    series = Series.objects.get()
    assert response.status_code == 302
    assert series.rrule == "FREQ=MONTHLY;BYDAY=1TU;COUNT=12"
    assert series.occurrences.count() == 12
    page = client.get(reverse("team:agenda:series-edit", args=[series.slug]))
    assert page.context["form"].initial["weekdays"] == ["TU"]


def test_series_form_errors_are_fields_not_500(client) -> None:
    programme = ProgrammeFactory()
    client.force_login(team_of(programme))
    response = client.post(
        reverse("team:agenda:series-create"),
        series_post(programme, save="1", weekdays=["TU", "TH"], place="", ends="until", until=""),
    )
    form = response.context["form"]
    assert response.status_code == 200
    assert {"weekdays", "place", "until"} <= set(form.errors)
    assert not Series.objects.exists()


def test_event_form_times_are_in_the_chosen_zone(client) -> None:
    programme = ProgrammeFactory()
    coalition = CoalitionFactory(programme=programme, title="Mobilités douces")
    client.force_login(team_of(programme))
    page = client.get(reverse("team:agenda:event-create"))
    options = page.context["form"].fields["timezone"].choices
    assert options[0][0] == "Europe/Paris" and ("America/Montreal", "America/Montreal") in options
    assert "Mobilités douces" in page.content.decode()
    response = client.post(
        reverse("team:agenda:event-create"),
        {
            "programme": programme.pk,
            "kind": "workshop",
            "title": "Atelier",
            "starts_at": "2027-03-10T10:00",
            "ends_at": "2027-03-10T12:00",
            "timezone": "America/Montreal",
            "online_url": "https://meet.example.org/x",
            "audience": "coalition",
            "coalition": coalition.pk,
        },
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_at == dt.datetime(2027, 3, 10, 15, 0, tzinfo=dt.UTC)
    assert event.coalition == coalition


def test_event_form_without_place_or_link_says_so(client) -> None:
    programme = ProgrammeFactory()
    client.force_login(team_of(programme))
    response = client.post(
        reverse("team:agenda:event-create"),
        {
            "programme": programme.pk,
            "kind": "workshop",
            "title": "Atelier",
            "starts_at": "2027-03-10T10:00",
            "ends_at": "pas une date",
            "timezone": "Europe/Paris",
            "audience": "public",
        },
    )
    errors = response.context["form"].errors
    assert errors["place"] and "ends_at" in errors
    assert not Event.objects.exists()


def test_edit_an_occurrence_detaches_it_and_the_list_shows_fill(client) -> None:
    programme = ProgrammeFactory()
    team = team_of(programme)
    series = services.series_create(by=team, **series_fields(programme))
    event = series.occurrences.first()
    services.registration_create(event=event, by=PersonFactory().user)
    client.force_login(team)
    listing = client.get(reverse("team:agenda:event-list")).content.decode()
    assert "1 / 20" in listing and "Petit-déjeuner des membres" in listing
    data = {
        **{k: v for k, v in event_form_initial(event).items() if v is not None},
        "title": "Petit-déjeuner de rentrée",
    }
    response = client.post(reverse("team:agenda:event-edit", args=[event.slug]), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Petit-déjeuner de rentrée" and event.detached


def event_form_initial(event):
    from alliage.agenda.forms import EventForm

    initial = EventForm.initial_from(event)
    initial["starts_at"] = initial["starts_at"].strftime("%Y-%m-%dT%H:%M")
    initial["ends_at"] = initial["ends_at"].strftime("%Y-%m-%dT%H:%M")
    initial["online_url_public"] = ""
    return initial


def test_cancel_asks_first_then_cancels(client) -> None:
    event = EventFactory()
    client.force_login(team_of(event.programme))
    url = reverse("team:agenda:event-cancel", args=[event.slug])
    assert "Oui, annuler" in client.get(url).content.decode() or client.get(url).status_code == 200
    event.refresh_from_db()
    assert not event.is_cancelled
    client.post(url)
    event.refresh_from_db()
    assert event.is_cancelled


def test_people_picker_searches_and_adds(client) -> None:
    event = EventFactory(audience="invitation")
    guest = PersonFactory(first_name="Aïcha", last_name="Diallo")
    PersonFactory(first_name="Bruno", last_name="Martin")
    client.force_login(team_of(event.programme))
    url = reverse("team:agenda:event-invited", args=[event.slug])
    partial = client.get(url, {"q": "dial"}, headers={"HX-Request": "true"}).content.decode()
    assert "Aïcha Diallo" in partial and "Bruno" not in partial and "<html" not in partial
    full = client.get(url, {"q": guest.user.email}).content.decode()
    assert "Aïcha Diallo" in full and "<html" in full
    client.post(url, {"person": guest.pk, "q": "dial"})
    assert list(event.invited.all()) == [guest]
    client.post(url, {"person": guest.pk, "action": "remove"})
    assert not event.invited.exists()
    assert client.post(url, {"person": "x"}).status_code == 404


def test_another_programmes_team_gets_404(client) -> None:
    event = EventFactory()
    client.force_login(team_of(ProgrammeFactory()))
    for name in ("event-edit", "event-duplicate", "event-cancel", "event-invited"):
        assert client.get(reverse(f"team:agenda:{name}", args=[event.slug])).status_code == 404
    assert event.title not in client.get(reverse("team:agenda:event-list")).content.decode()


# Dashboard and own space --------------------------------------------------------------------


def test_pulse_panel_in_constant_queries(rf) -> None:
    programme = ProgrammeFactory()
    team = team_of(programme)

    def queries(n: int) -> int:
        for _ in range(n):
            event = EventFactory(programme=programme, capacity=1)
            Registration.objects.create(
                event=event, person=PersonFactory(), status="confirmed",
                queued_at=timezone.now(), cancel_token=f"t{event.pk}",
            )  # fmt: skip
        request = rf.get("/team/")
        request.user = team
        with CaptureQueriesContext(connection) as captured:
            section = agenda_hooks.events_pulse(request, [programme])
            from django.template.loader import render_to_string

            html = render_to_string(section.template, section.context, request=request)
        assert "1 / 1" in html
        return len(captured)

    assert queries(2) == queries(20)
    data = selectors.pulse_events(programme_ids=[programme.pk])
    assert data["total"] == 22 and len(data["events"]) == 8


def test_my_registrations_and_waiting_sections(rf) -> None:
    event = EventFactory(capacity=1)
    seated, waiting = PersonFactory(), PersonFactory()
    services.registration_create(event=event, by=seated.user)
    services.registration_create(event=event, by=waiting.user)
    request = rf.get("/me/")
    main = agenda_hooks.my_registrations_section(request, seated)
    assert [r.event for r in main.context["rows"]] == [event] and main.slot == "main"
    assert agenda_hooks.my_waiting_section(request, seated) is None
    wait = agenda_hooks.my_waiting_section(request, waiting)
    assert wait.slot == "waiting" and wait.context["rows"][0].event == event
    assert agenda_hooks.my_registrations_section(request, None) is None


def test_adherent_sees_a_members_occurrence() -> None:
    programme = ProgrammeFactory()
    series = services.series_create(
        by=team_of(programme), **series_fields(programme, audience="members")
    )
    adherent = PersonFactory()
    AffiliationFactory(person=adherent, organisation=MembershipFactory().organisation)
    first = series.occurrences.order_by("starts_at").first()
    assert adherent.user.has_perm("agenda.register_event", first)
    assert not PersonFactory().user.has_perm("agenda.register_event", first)


def test_extend_series_creates_the_dates_that_come_within_a_year() -> None:
    from django.core.management import call_command

    programme = ProgrammeFactory()
    rule = "FREQ=WEEKLY;BYDAY=TH"  # no end: only a year is created at a time
    series = services.series_create(by=team_of(programme), **series_fields(programme, rrule=rule))
    count = series.occurrences.count()
    assert 50 <= count <= 54
    series.occurrences.order_by("-starts_at").first().delete()
    call_command("extend_series", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert series.occurrences.count() == count


def test_an_event_moves_only_to_a_programme_its_editor_runs() -> None:
    event = EventFactory()
    team = team_of(event.programme)
    with pytest.raises(PermissionRefused):
        services.event_update(event=event, by=team, programme=ProgrammeFactory())
    mine = ProgrammeFactory()
    mine.team.add(team)
    fresh = type(team).objects.get(pk=team.pk)  # what it runs is read once per user object
    assert services.event_update(event=event, by=fresh, programme=mine).programme == mine


def test_postpone_tells_everyone_and_a_new_date_puts_it_back(
    client, django_capture_on_commit_callbacks
) -> None:
    event = EventFactory(title="Assemblée")
    team = team_of(event.programme)
    english = PersonFactory()
    english.user.language = "en"
    english.user.save()
    services.registration_create(event=event, by=english.user)
    mail.outbox.clear()
    client.force_login(team)
    url = reverse("team:agenda:event-postpone", args=[event.slug])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    event.refresh_from_db()
    assert event.status == "postponed"
    assert [m.subject for m in mail.outbox] == ["Postponed: Assemblée"]
    assert AuditEntry.objects.filter(action="event.postponed").exists()
    data = event_form_initial(event)
    data["starts_at"] = (event.starts_at.astimezone(event.tz) + dt.timedelta(days=30)).strftime(
        "%Y-%m-%dT%H:%M"
    )
    data["ends_at"] = (event.ends_at.astimezone(event.tz) + dt.timedelta(days=30)).strftime(
        "%Y-%m-%dT%H:%M"
    )
    data = {k: v for k, v in data.items() if v is not None}
    client.post(reverse("team:agenda:event-edit", args=[event.slug]), data)
    event.refresh_from_db()
    assert event.status == "scheduled"


def test_a_rule_the_builder_cannot_show_is_said_so(client) -> None:
    programme = ProgrammeFactory()
    team = team_of(programme)
    series = services.series_create(by=team, **series_fields(programme, rrule="FREQ=DAILY;COUNT=4"))
    client.force_login(team)
    page = client.get(reverse("team:agenda:series-edit", args=[series.slug]))
    assert not page.context["rule_in_words"]
    assert "FREQ=DAILY;COUNT=4" in page.content.decode()


def test_second_and_fourth_tuesday_reads_back_in_words() -> None:
    first = dt.datetime(2027, 1, 12, 8, 30, tzinfo=PARIS)
    rec = recurrence.parse("FREQ=MONTHLY;BYDAY=2TU,4TU", first, PARIS)
    assert rec is not None and rec.rrule == "FREQ=MONTHLY;BYDAY=2TU,4TU"
    assert [s.day for s in rec.starts(PARIS, 4)] == [12, 26, 9, 23]
    with translation.override("en"):
        assert rec.sentence() == "Every second and fourth Tuesday of the month at 8:30 a.m."


def test_a_series_without_end_is_edited_as_such(client) -> None:
    programme = ProgrammeFactory()
    team = team_of(programme)
    series = services.series_create(
        by=team, **series_fields(programme, rrule="FREQ=MONTHLY;BYDAY=2TU,4TU")
    )
    client.force_login(team)
    url = reverse("team:agenda:series-edit", args=[series.slug])
    initial = client.get(url).context["form"].initial
    assert initial["ends"] == "never" and initial["positions"] == [2, 4]
    data = series_post(programme, save="1", ends="never", count="", positions=["2", "4"])
    data["first_day"] = initial["first_day"].isoformat()
    assert client.post(url, data).status_code == 302
    series.refresh_from_db()
    assert series.rrule == "FREQ=MONTHLY;BYDAY=2TU,4TU"

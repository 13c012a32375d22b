from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from alliage.agenda import services
from alliage.agenda.models import Registration, RegistrationStatus, Series
from alliage.core.errors import BusinessError, PermissionRefused

from ..factories import (
    AffiliationFactory,
    CoalitionMemberFactory,
    EventFactory,
    MembershipFactory,
    PersonFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def people(n: int) -> list:
    return [PersonFactory().user for _ in range(n)]


def test_seats_then_waiting_list_then_promotion_by_e_mail(committed) -> None:
    event = EventFactory(capacity=2)
    a, b, c, d = people(4)
    assert committed(services.registration_create, event=event, by=a).status == "confirmed"
    assert committed(services.registration_create, event=event, by=b).status == "confirmed"
    assert committed(services.registration_create, event=event, by=c).status == "waitlisted"
    assert committed(services.registration_create, event=event, by=d).status == "waitlisted"
    subjects = [m.subject for m in mail.outbox]
    assert sum("confirmée" in s for s in subjects) == 2
    assert sum("liste d'attente" in s for s in subjects) == 2
    mail.outbox.clear()
    committed(
        services.registration_cancel, registration=Registration.objects.get(person__user=a), by=a
    )
    statuses = dict(Registration.objects.values_list("person__user", "status"))
    assert statuses[c.pk] == "confirmed" and statuses[d.pk] == "waitlisted"
    assert [m.to for m in mail.outbox] == [[c.email]]
    assert "libérée" in mail.outbox[0].subject


def test_registering_twice_keeps_one_registration(committed) -> None:
    event = EventFactory(capacity=5)
    user = PersonFactory().user
    first = committed(services.registration_create, event=event, by=user)
    assert committed(services.registration_create, event=event, by=user).pk == first.pk
    assert Registration.objects.count() == 1


def test_a_cancelled_person_who_comes_back_queues_again_at_the_end(committed) -> None:
    event = EventFactory(capacity=1)
    a, b = people(2)
    committed(services.registration_create, event=event, by=a)
    committed(services.registration_create, event=event, by=b)
    committed(
        services.registration_cancel, registration=Registration.objects.get(person__user=b), by=b
    )
    again = committed(services.registration_create, event=event, by=b)
    assert again.status == "waitlisted"


def test_the_confirmation_e_mail_cancels_in_one_click(committed) -> None:
    event = EventFactory(capacity=1)
    a, b = people(2)
    first = committed(services.registration_create, event=event, by=a)
    committed(services.registration_create, event=event, by=b)
    assert first.cancel_token in mail.outbox[0].body
    committed(services.registration_cancel_by_token, token=first.cancel_token)
    assert Registration.objects.get(person__user=b).status == "confirmed"
    with pytest.raises(BusinessError):
        committed(services.registration_cancel_by_token, token="not-a-token")


def test_members_only_event_refuses_non_members_on_the_server(committed) -> None:
    event = EventFactory(audience="members", kind="breakfast")
    outsider = PersonFactory().user
    with pytest.raises(PermissionRefused):
        committed(services.registration_create, event=event, by=outsider)
    member = AffiliationFactory().person.user
    MembershipFactory(organisation=member.person.affiliations.get().organisation)
    assert committed(services.registration_create, event=event, by=member).status == "confirmed"
    assert not Registration.objects.filter(person__user=outsider).exists()


def test_coalition_and_invitation_audiences(committed) -> None:
    member = CoalitionMemberFactory()
    event = EventFactory(audience="coalition", coalition=member.coalition)
    outsider = PersonFactory()
    with pytest.raises(PermissionRefused):
        committed(services.registration_create, event=event, by=outsider.user)
    committed(services.registration_create, event=event, by=member.person.user)
    private = EventFactory(audience="invitation")
    with pytest.raises(PermissionRefused):
        committed(services.registration_create, event=private, by=outsider.user)
    private.invited.add(outsider)
    assert (
        committed(services.registration_create, event=private, by=outsider.user).status
        == "confirmed"
    )


def test_registration_window_and_status_are_checked(committed) -> None:
    now = dt.datetime.now(tz=dt.UTC)
    user = PersonFactory().user
    later = EventFactory(registration_opens_at=now + dt.timedelta(days=1))
    with pytest.raises(BusinessError):
        committed(services.registration_create, event=later, by=user)
    cancelled = EventFactory(status="cancelled")
    with pytest.raises(BusinessError, match="annulé"):
        committed(services.registration_create, event=cancelled, by=user)
    past = EventFactory(starts_at=now - dt.timedelta(days=2), ends_at=now - dt.timedelta(days=1))
    with pytest.raises(BusinessError):
        committed(services.registration_create, event=past, by=user)


def test_raising_the_capacity_promotes_the_waiting_list(committed) -> None:
    event = EventFactory(capacity=1)
    team = UserFactory()
    event.programme.team.add(team)
    a, b, c = people(3)
    for user in (a, b, c):
        committed(services.registration_create, event=event, by=user)
    committed(services.event_update, event=event, by=team, capacity=2)
    assert Registration.objects.get(person__user=b).status == "confirmed"
    assert Registration.objects.get(person__user=c).status == "waitlisted"


def test_changes_grow_the_sequence_and_cancelling_tells_everyone(committed) -> None:
    event = EventFactory()
    team = UserFactory()
    event.programme.team.add(team)
    attendee = PersonFactory().user
    committed(services.registration_create, event=event, by=attendee)
    event = committed(services.event_update, event=event, by=team, capacity=30)
    assert event.sequence == 0  # capacity is not in calendars
    event = committed(services.event_update, event=event, by=team, place="Maison des associations")
    assert event.sequence == 1
    mail.outbox.clear()
    event = committed(services.event_cancel, event=event, by=team)
    assert (event.status, event.sequence) == ("cancelled", 2)
    assert [m.to for m in mail.outbox] == [[attendee.email]]
    with pytest.raises(PermissionRefused):
        committed(services.event_update, event=event, by=attendee, title="Piraté")


def test_the_reminder_goes_out_once_the_day_before(committed) -> None:
    start = dt.datetime(2027, 5, 20, 9, 0, tzinfo=PARIS)
    event = EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=3))
    with time_machine.travel(start - dt.timedelta(days=5), tick=False):
        committed(services.registration_create, event=event, by=PersonFactory().user)
        assert committed(services.reminders_enqueue) == 0
    mail.outbox.clear()
    with time_machine.travel(start - dt.timedelta(hours=20), tick=False):
        assert committed(services.reminders_enqueue) == 1
        assert committed(services.reminders_enqueue) == 0
    assert len(mail.outbox) == 1 and "Demain" in mail.outbox[0].subject


def test_series_keep_their_wall_clock_time_across_clock_changes(committed) -> None:
    programme = ProgrammeFactory()
    team = UserFactory()
    programme.team.add(team)
    series = Series.objects.create(
        programme=programme,
        kind="breakfast",
        title="Petit-déjeuner des adhérents",
        slug="petit-dejeuner",
        audience="members",
        rrule="FREQ=MONTHLY;BYDAY=2TU,4TU",
        first_start=dt.datetime(2027, 3, 9, 8, 30, tzinfo=PARIS),
        duration_minutes=90,
    )
    events = services.series_generate(
        series=series, by=team, until=dt.datetime(2027, 4, 30, tzinfo=PARIS)
    )
    local = [e.starts_at.astimezone(PARIS) for e in events]
    assert [(d.day, d.month) for d in local] == [(9, 3), (23, 3), (13, 4), (27, 4)]
    assert {(d.hour, d.minute) for d in local} == {(8, 30)}
    assert {e.starts_at.astimezone(dt.UTC).hour for e in events} == {7, 6}  # CET then CEST
    edited = events[1]
    edited.place = "En ligne"
    edited.save()
    again = services.series_generate(
        series=series, by=team, until=dt.datetime(2027, 5, 31, tzinfo=PARIS)
    )
    assert len(again) == 2
    assert series.occurrences.get(pk=edited.pk).place == "En ligne"


def test_a_bad_recurrence_rule_is_refused_clearly(committed) -> None:
    programme = ProgrammeFactory()
    team = UserFactory(is_superuser=True)
    series = Series.objects.create(
        programme=programme, kind="webinar", title="W", slug="w", rrule="FREQ=SOMETIMES",
        first_start=dt.datetime(2027, 3, 9, 8, 30, tzinfo=PARIS), duration_minutes=60,
    )  # fmt: skip
    with pytest.raises(BusinessError):
        services.series_generate(
            series=series, by=team, until=dt.datetime(2027, 5, 1, tzinfo=PARIS)
        )


def test_calendar_token_is_stored_hashed_and_revocable(committed) -> None:
    person = PersonFactory()
    token = services.calendar_token_renew(person=person)
    assert person.calendar_token.token_hash != token
    assert services.person_for_calendar_token(token=token) == person
    newer = services.calendar_token_renew(person=person)
    assert services.person_for_calendar_token(token=token) is None
    services.calendar_token_revoke(person=person)
    assert services.person_for_calendar_token(token=newer) is None


def test_attendance_is_marked_by_the_team_only(committed) -> None:
    event = EventFactory()
    team = UserFactory()
    event.programme.team.add(team)
    user = PersonFactory().user
    registration = committed(services.registration_create, event=event, by=user)
    with pytest.raises(PermissionRefused):
        services.attendance_mark(registration=registration, by=user, attended=True)
    started(event)
    registration.refresh_from_db()
    assert services.attendance_mark(registration=registration, by=team, attended=True).status == (
        RegistrationStatus.ATTENDED
    )


def started(event) -> None:
    """The event began an hour ago (attendance is recorded from its day on)."""
    now = dt.datetime.now(tz=dt.UTC)
    type(event).objects.filter(pk=event.pk).update(
        starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=2)
    )
    event.refresh_from_db()


def test_attendance_is_refused_before_the_event_day(committed) -> None:
    from alliage.agenda.selectors import attendance_open

    event = EventFactory()
    team = UserFactory()
    event.programme.team.add(team)
    registration = committed(services.registration_create, event=event, by=PersonFactory().user)
    assert not attendance_open(event=event)
    with pytest.raises(BusinessError, match=r"jour de l.événement"):
        services.attendance_mark(registration=registration, by=team, attended=True)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    day = event.starts_at.astimezone(event.tz).replace(hour=0, minute=1)
    assert attendance_open(event=event, now=day)
    assert not attendance_open(event=event, now=day - dt.timedelta(minutes=2))


def test_a_reminder_queued_twice_is_sent_once(committed) -> None:
    from alliage.agenda.tasks import registration_notify

    registration = committed(
        services.registration_create, event=EventFactory(), by=PersonFactory().user
    )
    mail.outbox.clear()
    registration_notify.enqueue(registration_id=registration.pk, kind="reminder")
    registration_notify.enqueue(registration_id=registration.pk, kind="reminder")
    assert len(mail.outbox) == 1


def test_reminders_go_out_in_the_sites_language_whatever_the_caller_speaks(committed) -> None:
    from django.utils import translation

    start = dt.datetime(2027, 5, 20, 9, 0, tzinfo=PARIS)
    event = EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=3))
    with time_machine.travel(start - dt.timedelta(days=5), tick=False):
        committed(services.registration_create, event=event, by=PersonFactory().user)
    mail.outbox.clear()
    with (
        time_machine.travel(start - dt.timedelta(hours=20), tick=False),
        translation.override("en"),
    ):
        assert committed(services.reminders_enqueue) == 1
    assert "Demain" in mail.outbox[0].subject


def test_an_unknown_notice_is_refused() -> None:
    from alliage.agenda.tasks import registration_notify

    registration = services.registration_create(event=EventFactory(), by=PersonFactory().user)
    with pytest.raises(ValueError, match="nonsense"):
        registration_notify.call(registration_id=registration.pk, kind="nonsense")

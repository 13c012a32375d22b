"""Who may register, and why not: one context per reason (Decidim's join_meeting spec). Each
refusal is the sentence the service raises and the page shows; the permission table's roles
agree with it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils.html import escape

from alliage.agenda import services
from alliage.agenda.models import Registration, RegistrationStatus
from alliage.agenda.selectors import RegistrationKind, registration_state
from alliage.core.errors import BusinessError, PermissionRefused

from ..conftest import fresh
from ..factories import CoalitionMemberFactory, EventFactory, PersonFactory
from .test_rules import TABLE, user_for

pytestmark = pytest.mark.django_db

T, F = True, False
NOW = dt.datetime.now(tz=dt.UTC)
DAY = dt.timedelta(days=1)


def page_of(event, user) -> str:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def refused_everywhere(event, user, kind: RegistrationKind, error=BusinessError) -> str:
    """The state's kind and reason, the service raising that very reason, the page showing it;
    and no registration written."""
    state = registration_state(event=event, user=user)
    assert (state.kind, state.refused) == (kind, True)
    assert state.reason
    with pytest.raises(error) as raised:
        services.registration_create(event=event, by=user)
    assert raised.value.message == state.reason
    assert not Registration.objects.filter(event=event).exists()
    return state.reason


def test_an_event_that_is_over() -> None:
    event = EventFactory(starts_at=NOW - 2 * DAY, ends_at=NOW - DAY)
    user = PersonFactory().user
    reason = refused_everywhere(event, user, RegistrationKind.OVER)
    assert reason == "Cet événement est terminé."
    assert escape(reason) in page_of(event, user)


@pytest.mark.parametrize(("status", "word"), [("cancelled", "annulé"), ("postponed", "reporté")])
def test_an_event_not_going_ahead_as_planned(status: str, word: str) -> None:
    event = EventFactory(status=status)
    user = PersonFactory().user
    reason = refused_everywhere(event, user, RegistrationKind.NOT_SCHEDULED)
    assert word in reason
    assert escape(reason) in page_of(event, user)


def test_an_event_that_has_started() -> None:
    event = EventFactory(starts_at=NOW - dt.timedelta(hours=1), ends_at=NOW + DAY)
    user = PersonFactory().user
    reason = refused_everywhere(event, user, RegistrationKind.STARTED)
    assert escape(reason) in page_of(event, user)


def test_registration_not_open_yet() -> None:
    event = EventFactory(registration_opens_at=NOW + DAY)
    user = PersonFactory().user
    reason = refused_everywhere(event, user, RegistrationKind.NOT_OPEN_YET)
    assert escape(reason) in page_of(event, user)


def test_registration_closed() -> None:
    event = EventFactory(registration_closes_at=NOW - DAY)
    user = PersonFactory().user
    reason = refused_everywhere(event, user, RegistrationKind.CLOSED)
    assert escape(reason) in page_of(event, user)


def test_signed_out_visitors_are_asked_to_log_in() -> None:
    event = EventFactory()
    reason = refused_everywhere(event, AnonymousUser(), RegistrationKind.SIGN_IN, PermissionRefused)
    assert reason == "Connectez-vous pour vous inscrire."
    assert escape(reason) in page_of(event, AnonymousUser())


def test_people_outside_the_audience() -> None:
    event = EventFactory(audience="members")
    outsider = PersonFactory().user
    reason = refused_everywhere(
        event, outsider, RegistrationKind.NOT_IN_AUDIENCE, PermissionRefused
    )
    assert str(event.get_audience_display()) in reason
    # Who is outside a members-only audience is told it is reserved (403), not shown it.
    client = Client()
    client.force_login(outsider)
    page = client.get(event.get_absolute_url())
    assert page.status_code == 403 and "agenda/event_reserved.html" in [
        t.name for t in page.templates
    ]


def test_the_event_over_comes_before_who_is_asking() -> None:
    """A signed-out visitor is not asked to log in for an event that is over."""
    event = EventFactory(starts_at=NOW - 2 * DAY, ends_at=NOW - DAY)
    assert registration_state(event=event, user=AnonymousUser()).kind == RegistrationKind.OVER


def test_a_seat_then_the_waiting_list() -> None:
    event = EventFactory(capacity=1)
    first, second = PersonFactory().user, PersonFactory().user
    state = registration_state(event=event, user=first)
    assert (state.kind, state.refused, state.is_open) == (RegistrationKind.CAN_REGISTER, F, T)
    assert ">S'inscrire</button>" in page_of(event, first)
    services.registration_create(event=event, by=first)
    assert registration_state(event=event, user=second).kind == RegistrationKind.CAN_JOIN_WAITLIST
    assert ">Rejoindre la liste d'attente</button>" in page_of(event, second)


def test_who_holds_a_registration_sees_it() -> None:
    event = EventFactory(capacity=1)
    seated, waiting = PersonFactory().user, PersonFactory().user
    registration = services.registration_create(event=event, by=seated)
    services.registration_create(event=event, by=waiting)
    state = registration_state(event=event, user=seated)
    assert (state.kind, state.registration) == (RegistrationKind.REGISTERED, registration)
    assert escape(state.reason) in page_of(event, seated)
    state = registration_state(event=event, user=waiting)
    assert (state.kind, state.position) == (RegistrationKind.WAITLISTED, 1)
    assert escape(state.reason) in page_of(event, waiting)
    registration.status = RegistrationStatus.ATTENDED
    registration.save()
    state = registration_state(event=event, user=seated)
    assert state.kind == RegistrationKind.ATTENDED
    assert escape(state.reason) in page_of(event, seated)


def test_a_cancelled_registration_may_register_again() -> None:
    event = EventFactory()
    user = PersonFactory().user
    registration = services.registration_create(event=event, by=user)
    services.registration_cancel(registration=registration, by=user)
    assert registration_state(event=event, user=user).kind == RegistrationKind.CAN_REGISTER


@pytest.mark.parametrize("audience", list(TABLE))
@pytest.mark.parametrize("role", list(TABLE["public"]))
def test_the_state_agrees_with_the_permission_table(audience: str, role: str) -> None:
    """On an open event, one may register exactly when the table says so; who registered
    earlier sees their registration instead."""
    member = CoalitionMemberFactory()
    event = EventFactory(audience=audience, coalition=member.coalition)
    user = fresh(user_for(role, event))
    state = registration_state(event=event, user=user)
    if role == "registered":
        assert state.kind == RegistrationKind.REGISTERED
    else:
        assert (not state.refused) == TABLE[audience][role][1], state

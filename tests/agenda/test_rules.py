"""The agenda's permission table: each role against each audience and action."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from alliage.agenda.models import Event

from ..conftest import fresh
from ..factories import (
    AffiliationFactory,
    CoalitionMemberFactory,
    EventFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PERMS = ("see_event", "register_event", "see_online_link", "manage_event")
T, F = True, False
# audience -> role -> (view, register, see link, manage)
TABLE = {
    "public": {
        "anonymous": (T, F, F, F), "outsider": (T, T, F, F), "adherent": (T, T, F, F),
        "coalition": (T, T, F, F), "invited": (T, T, F, F), "registered": (T, T, T, F),
        "team": (T, T, T, T), "admin": (T, T, T, T),
    },
    "members": {
        "anonymous": (F, F, F, F), "outsider": (F, F, F, F), "adherent": (T, T, F, F),
        "coalition": (F, F, F, F), "invited": (F, F, F, F), "registered": (T, F, T, F),
        "team": (T, T, T, T), "admin": (T, T, T, T),
    },
    "coalition": {
        "anonymous": (F, F, F, F), "outsider": (F, F, F, F), "adherent": (F, F, F, F),
        "coalition": (T, T, F, F), "invited": (F, F, F, F), "registered": (T, F, T, F),
        "team": (T, T, T, T), "admin": (T, T, T, T),
    },
    "invitation": {
        "anonymous": (F, F, F, F), "outsider": (F, F, F, F), "adherent": (F, F, F, F),
        "coalition": (F, F, F, F), "invited": (T, T, F, F), "registered": (T, F, T, F),
        "team": (T, T, T, T), "admin": (T, T, T, T),
    },
}  # fmt: skip


def user_for(role: str, event: Event):
    if role == "anonymous":
        return AnonymousUser()
    if role == "admin":
        admin = UserFactory(is_superuser=True)
        PersonFactory(user=admin)
        return admin
    if role == "team":
        team = PersonFactory().user
        event.programme.team.add(team)
        return team
    if role == "adherent":
        affiliation = AffiliationFactory()
        MembershipFactory(organisation=affiliation.organisation)
        return affiliation.person.user
    if role == "coalition":
        return CoalitionMemberFactory(coalition=event.coalition).person.user
    if role == "invited":
        person = PersonFactory()
        event.invited.add(person)
        return person.user
    if role == "registered":
        # Registered earlier (the audience changed since): keeps the page and the link.
        person = PersonFactory()
        event.registrations.create(
            person=person, status="confirmed", queued_at=event.created_at, cancel_token="t"
        )
        return person.user
    return PersonFactory().user


@pytest.mark.parametrize("audience", list(TABLE))
@pytest.mark.parametrize("role", list(TABLE["public"]))
def test_permission_table(audience: str, role: str) -> None:
    member = CoalitionMemberFactory()
    event = EventFactory(
        audience=audience,
        coalition=member.coalition,
        online_url="https://visio.example.org/x",
    )
    user = fresh(user_for(role, event))
    actual = tuple(user.has_perm(f"agenda.{perm}", event) for perm in PERMS)
    assert dict(zip(PERMS, actual, strict=True)) == dict(
        zip(PERMS, TABLE[audience][role], strict=True)
    )

"""An assembly held now (check-in open), its roll frozen from memberships in good standing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from alliage.assembly import services
from alliage.assembly.models import Assembly, Voter
from alliage.core.models import User
from tests.factories import EventFactory, MembershipFactory, PersonFactory, team_member


@dataclass
class Hall:
    assembly: Assembly
    chair: User
    members: list[User]  # each a member in their own name, in order
    voters: list[Voter]  # their lines of the roll, in the same order

    def voter_of(self, user: User) -> Voter:
        return Voter.objects.get(assembly=self.assembly, person__user=user)


def hall_make(
    n: int = 5, *, weighted: bool = False, tiers: list[str] | None = None, **settings
) -> Hall:
    now = timezone.now()
    event = EventFactory(
        title="Assemblée générale",
        starts_at=now - dt.timedelta(minutes=30),
        ends_at=now + dt.timedelta(hours=3),
    )
    chair = team_member(event.programme)
    members = []
    for i in range(n):
        person = PersonFactory(first_name=f"Membre{i:02d}", last_name="Test")
        tier = tiers[i] if tiers else "individual"
        MembershipFactory(organisation=None, person=person, tier=tier)
        members.append(person.user)
    assembly = services.assembly_save(
        event=event,
        by=chair,
        cutoff_on=timezone.localdate(),
        weighted=weighted,
        **settings,
    )
    services.roll_freeze(assembly=assembly, by=chair)
    voters = [Voter.objects.get(assembly=assembly, person__user=u) for u in members]
    return Hall(assembly, chair, members, voters)


@pytest.fixture
def hall(db) -> Hall:
    return hall_make(5, quorum_percent=50, proxy_cap=2)

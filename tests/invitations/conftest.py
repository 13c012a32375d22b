from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.core import mail

from alliage.actors.models import Person
from alliage.coalitions.models import Coalition, MemberRole
from alliage.core.models import User
from tests.factories import CoalitionFactory, CoalitionMemberFactory, PersonFactory

LINK = re.compile(r"/invitations/link/([^/\s]+)/")


def link_of(message: mail.EmailMessage) -> str:
    """The path of the invitation link in an e-mail (French pages: no language prefix)."""
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(0)


@dataclass
class Scene:
    coalition: Coalition
    lead: User
    member: User
    invitee: Person  # accepts to be contacted
    shy: Person  # does not


@pytest.fixture
def scene(db: None) -> Scene:
    coalition = CoalitionFactory(title="Sobriété numérique")
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person.user
    member = CoalitionMemberFactory(coalition=coalition).person.user
    return Scene(
        coalition=coalition,
        lead=lead,
        member=member,
        invitee=PersonFactory(is_contactable=True, first_name="Ana", last_name="Lopez"),
        shy=PersonFactory(is_contactable=False),
    )

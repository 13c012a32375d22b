from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from alliage.actors.models import Person
from alliage.calls import services as calls
from alliage.calls.models import Call
from alliage.core.models import User
from alliage.demo.services import DEMO_PASSWORD, demo_load
from alliage.selfdata.services import consent_set

MEMBER = "membre@alliage.example.org"
TEAM = "equipe@alliage.example.org"


@pytest.fixture
def demo(db: None) -> None:
    demo_load(today=dt.date.today())  # noqa: DTZ011


def login(email: str, password: str = DEMO_PASSWORD) -> Client:
    """A client logged in through the real form (axes, signals and the audit log see it)."""
    client = Client()
    response = client.post("/en/accounts/login/", {"username": email, "password": password})
    assert response.status_code == 302, response.content[:500]
    return client


@pytest.fixture
def member_with_everything(demo: None) -> Person:
    """The demo's member, who also sent a proposal to the open call, reviewed another one,
    asked for the newsletter, has a private calendar address and an API token."""
    from alliage.agenda.services import calendar_token_renew

    member = Person.objects.get(user__email=MEMBER)
    team = User.objects.get(email=TEAM)
    call = Call.objects.get(slug="appel-a-coalitions-reset")
    texts = {
        "title": "Un kit d'achat sobre",
        "summary": "Des clauses types.",
        "diagnostic": "Le constat.",
        "impact": "Moins d'achats.",
        "partners_sought": "Des acheteurs.",
    }
    own = calls.submission_save(call=call, by=member.user, data=texts)
    calls.submission_submit(submission=own, by=member.user)
    other_person = Person.objects.get(user__email="visiteur@alliage.example.org")
    other = calls.submission_save(call=call, by=other_person.user, data=texts)
    other = calls.submission_submit(submission=other, by=other_person.user)
    call.reviewers.add(member.user)
    assignment = calls.assignment_create(submission=other, reviewer=member.user, by=team)
    calls.review_save(
        assignment=assignment,
        by=member.user,
        scores={c.pk: 3 for c in call.criteria.all()},
        comment="Solide.",
        submit=True,
    )
    consent_set(user=member.user, by=member.user, purpose="newsletter", granted=True)
    calendar_token_renew(person=member)
    from alliage.api.services import token_create

    token_create(by=member.user, name="Mon script", scope="read")
    return member

"""My space (/me/): a signed-in person's home, what waits for them first, each section saying
when it is empty."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from alliage.actors.models import Person
from alliage.coalitions.models import MemberRole

from ..clients import client_for
from ..factories import (
    CoalitionFactory,
    CoalitionMemberFactory,
    IndicatorFactory,
    MilestoneFactory,
    PersonFactory,
    UserFactory,
)
from ..team.factories import JoinRequestFactory

pytestmark = pytest.mark.django_db


def test_a_signed_in_visit_to_the_home_goes_to_my_space_and_the_public_home_stays() -> None:
    client = client_for(PersonFactory().user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    assert client.get("/en/")["Location"] == "/en/me/"
    public = client.get("/?public=1")
    assert public.status_code == 200
    assert Client().get("/").status_code == 200  # visitors keep the landing page
    page = client.get("/me/").content.decode()
    assert 'href="/?public=1"' in page
    assert 'href="/me/" aria-current="page"' in page  # the account menu's entry


def test_anonymous_visitors_log_in_first() -> None:
    response = Client().get("/me/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_a_lead_sees_the_join_request_to_answer() -> None:
    coalition = CoalitionFactory(title="Sobriété des achats")
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person.user
    asking = PersonFactory(first_name="Inès", last_name="Marchand")
    JoinRequestFactory(coalition=coalition, person=asking)
    JoinRequestFactory(coalition=CoalitionFactory(title="Pas la mienne"))
    html = client_for(lead).get("/en/me/").content.decode()
    assert "Inès Marchand asks to join Sobriété des achats" in html
    assert f'href="{coalition.get_absolute_url()}#p-requests"' in html
    assert "Pas la mienne" not in html
    # A mere member has no request to answer.
    member = CoalitionMemberFactory(coalition=coalition).person.user
    assert "No request to answer." in client_for(member).get("/en/me/").content.decode()


def test_milestones_due_indicators_to_measure_and_my_coalitions() -> None:
    coalition = CoalitionFactory(title="Réemploi")
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person.user
    today = timezone.localdate()
    MilestoneFactory(
        coalition=coalition, title="Premier atelier", due_date=today - dt.timedelta(days=2)
    )
    MilestoneFactory(coalition=coalition, title="Lointain", due_date=today + dt.timedelta(days=90))
    MilestoneFactory(coalition=coalition, title="Déjà fait", due_date=today, status="done")
    IndicatorFactory(
        coalition=coalition, name="Tonnes réemployées", baseline_date=dt.date(2020, 1, 1)
    )
    html = client_for(lead).get("/en/me/").content.decode()
    assert "Premier atelier" in html and "overdue since" in html
    assert "Lointain" not in html and "Déjà fait" not in html
    assert "Tonnes réemployées" in html and "never measured" in html
    assert "Réemploi" in html  # my coalitions


def test_every_section_says_when_it_is_empty() -> None:
    html = client_for(PersonFactory().user).get("/en/me/").content.decode()
    for empty in (
        "No request to answer.",
        "No milestone of the coalitions you lead is due",
        "No indicator of the coalitions you lead needs a measurement.",
        "You are in no coalition yet.",
    ):
        assert empty in html, empty
    # An account without a person yet: nothing is created by looking.
    user = UserFactory()
    html = client_for(user).get("/en/me/").content.decode()
    assert "Complete my profile" in html
    assert not Person.objects.filter(user=user).exists()


def test_my_space_takes_few_queries_whatever_the_volume() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coalition = CoalitionFactory()
    lead_person = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person
    client = client_for(lead_person.user)
    counts = []
    for n in (1, 10):
        for _ in range(n):
            other = CoalitionFactory()
            CoalitionMemberFactory(coalition=other, person=lead_person, role=MemberRole.LEAD)
            JoinRequestFactory(coalition=other)
            MilestoneFactory(coalition=other, due_date=timezone.localdate())
            IndicatorFactory(coalition=other)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/me/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts

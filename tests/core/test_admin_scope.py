"""The team group's model permissions open the administration's pages of a model; each team
member sees there only the rows of the programmes they run."""

from __future__ import annotations

import pytest
from django.test import Client

from alliage.team.services import team_group

from ..factories import (
    CallFactory,
    CoalitionFactory,
    EventFactory,
    IndicatorFactory,
    PersonFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def team_client(programme) -> Client:
    user = PersonFactory().user
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(team_group())
    programme.team.add(user)
    client = Client()
    client.force_login(user)
    return client


def test_a_team_member_sees_only_the_rows_of_the_programmes_they_run() -> None:
    ours, theirs = CoalitionFactory(title="Coalition à nous"), CoalitionFactory(title="Pas à nous")
    client = team_client(ours.programme)
    EventFactory(programme=ours.programme, title="Notre atelier")
    EventFactory(programme=theirs.programme, title="Leur atelier")
    IndicatorFactory(coalition=ours, name="Notre indicateur")
    IndicatorFactory(coalition=theirs, name="Leur indicateur")
    CallFactory(programme=ours.programme, title="Notre appel")
    SubmissionFactory(call=CallFactory(programme=theirs.programme, title="Leur appel"))
    pages = {
        "/admin/coalitions/coalition/": ("Coalition à nous", "Pas à nous"),
        "/admin/coalitions/programme/": (ours.programme.name, theirs.programme.name),
        "/admin/agenda/event/": ("Notre atelier", "Leur atelier"),
        "/admin/evaluation/indicator/": ("Notre indicateur", "Leur indicateur"),
        "/admin/calls/call/": ("Notre appel", "Leur appel"),
    }
    for page, (shown, hidden) in pages.items():
        body = client.get(page).content.decode()
        assert shown in body and hidden not in body, page
    # nor by its address
    response = client.get(f"/admin/coalitions/coalition/{theirs.pk}/change/")
    assert response.status_code == 302 and "Pas à nous" not in response.content.decode()
    assert client.get(f"/admin/coalitions/coalition/{ours.pk}/change/").status_code == 200


def test_a_superuser_sees_every_programme() -> None:
    ours, theirs = CoalitionFactory(title="Coalition à nous"), CoalitionFactory(title="Pas à nous")
    admin = PersonFactory(user__is_staff=True, user__is_superuser=True).user
    client = Client()
    client.force_login(admin)
    body = client.get("/admin/coalitions/coalition/").content.decode()
    assert ours.title in body and theirs.title in body

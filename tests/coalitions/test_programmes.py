"""Programmes run from the team's area: who may create and edit them, their order, their
archive (out of the public lists, page kept), the audit, and errors in the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from alliage.coalitions import services
from alliage.coalitions.models import Programme, ProgrammeKind
from alliage.coalitions.selectors import programme_list
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import AuditEntry

from ..clients import client_for
from ..factories import CoalitionFactory, PersonFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    programme = ProgrammeFactory(name="Numérique responsable", position=1)
    user = PersonFactory().user
    programme.team.add(user)
    return programme, user


def test_a_team_member_creates_an_expedition_and_becomes_its_team(team) -> None:
    _, user = team
    created = services.programme_create(
        by=user, data={"name": "Expédition Bretagne", "kind": ProgrammeKind.EXPEDITION}
    )
    assert created.slug == "expedition-bretagne"
    assert created.team.filter(pk=user.pk).exists()
    assert created.position == 2  # last in the order
    assert user.has_perm("coalitions.edit_programme", created)
    assert AuditEntry.objects.filter(action="programme.created").exists()


def test_only_team_members_and_administrators_create_programmes() -> None:
    with pytest.raises(PermissionRefused):
        services.programme_create(by=PersonFactory().user, data={"name": "X", "kind": "project"})
    admin = UserFactory(is_superuser=True)
    assert services.programme_create(by=admin, data={"name": "X", "kind": "project"}).pk


def test_another_programmes_team_cannot_edit_it(team) -> None:
    programme, _ = team
    stranger = PersonFactory().user
    ProgrammeFactory().team.add(stranger)
    with pytest.raises(PermissionRefused):
        services.programme_update(programme=programme, by=stranger, data={"name": "Volé"})
    response = client_for(stranger).get(f"/en/team/programmes/{programme.slug}/edit/")
    assert response.status_code == 404
    response = client_for(stranger).post(f"/en/team/programmes/{programme.slug}/archive/")
    assert response.status_code == 404
    programme.refresh_from_db()
    assert not programme.is_archived


def test_a_programme_cannot_end_before_it_starts_and_nothing_is_lost(team) -> None:
    programme, user = team
    response = client_for(user).post(
        f"/team/programmes/{programme.slug}/edit/",
        {
            "name": "Nouveau nom",
            "kind": "collective",
            "tagline": "Une accroche gardée",
            "starts_on": "2027-06-01",
            "ends_on": "2027-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"]
    assert "Une accroche gardée" in response.content.decode()
    programme.refresh_from_db()
    assert programme.name == "Numérique responsable"
    with pytest.raises(BusinessError):
        services.programme_update(
            programme=programme,
            by=user,
            data={"starts_on": dt.date(2027, 6, 1), "ends_on": dt.date(2027, 1, 1)},
        )


def test_a_missing_name_is_a_field_error_in_french(team) -> None:
    _, user = team
    response = client_for(user).post("/team/programmes/new/", {"name": "", "kind": "nonsense"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "obligatoire" in errors["name"][0]
    assert "kind" in errors


def test_programmes_move_up_and_down(team) -> None:
    first, user = team
    second = ProgrammeFactory(name="Deuxième", position=1)
    second.team.add(user)
    third = ProgrammeFactory(name="Troisième", position=5)
    client = client_for(user)
    # Two programmes share position 1: the order is renumbered before moving.
    order = [p.pk for p in Programme.objects.order_by("position", "name", "pk")]
    assert order == [second.pk, first.pk, third.pk]
    response = client.post(f"/team/programmes/{first.slug}/move/", {"direction": "up"})
    assert response.status_code == 302
    assert [p.pk for p in programme_list()] == [first.pk, second.pk, third.pk]
    client.post(f"/team/programmes/{second.slug}/move/", {"direction": "down"})
    assert [p.pk for p in programme_list()] == [first.pk, third.pk, second.pk]
    # At the bottom already: nothing moves, nothing fails.
    client.post(f"/team/programmes/{second.slug}/move/", {"direction": "down"})
    client.post(f"/team/programmes/{second.slug}/move/", {"direction": "sideways"})
    assert [p.pk for p in programme_list()] == [first.pk, third.pk, second.pk]


def test_an_archived_programme_leaves_the_public_lists_but_keeps_its_page(team) -> None:
    programme, user = team
    CoalitionFactory(programme=programme, title="Coalition gardée")
    client = client_for(user)
    response = client.post(f"/team/programmes/{programme.slug}/archive/", {"archive": "on"})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.is_archived
    assert programme not in programme_list()
    assert programme in programme_list(include_archived=True)
    home = Client().get("/").content.decode()
    assert "Numérique responsable" not in home
    page = Client().get(programme.get_absolute_url())
    assert page.status_code == 200
    assert "Coalition gardée" in page.content.decode()
    # A new coalition cannot be proposed in it; the team can bring it back.
    listed = client.get("/team/programmes/")
    assert programme in listed.context["archived"]
    client.post(f"/team/programmes/{programme.slug}/archive/", {"archive": ""})
    programme.refresh_from_db()
    assert not programme.is_archived
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "programme.archived" in actions and "programme.restored" in actions


def test_a_programme_called_new_does_not_hide_the_creation_page(team) -> None:
    _, user = team
    created = services.programme_create(by=user, data={"name": "New", "kind": "project"})
    assert created.slug != "new"
    assert client_for(user).get("/team/programmes/new/").status_code == 200


def test_the_team_list_shows_only_their_programmes(team) -> None:
    programme, user = team
    other = ProgrammeFactory(name="Pas le mien")
    response = client_for(user).get("/en/team/programmes/")
    assert list(response.context["programmes"]) == [programme]
    assert "Pas le mien" not in response.content.decode()
    assert other.pk

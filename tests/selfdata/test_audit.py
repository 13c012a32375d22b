"""The audit log: log-ins, failed log-ins, role and permission changes, exports, erasures,
decisions; each person sees their own, a programme team its programmes' part, platform admins
everything."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from alliage.core.models import AuditEntry
from alliage.selfdata.models import InactivityFlag

from ..factories import PASSWORD, PersonFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def actions_about(user) -> list[str]:
    return list(
        AuditEntry.objects.filter(target_type="core.user", target_id=str(user.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_log_ins_and_failed_log_ins_are_recorded() -> None:
    person = PersonFactory()
    email = person.user.email
    Client().post("/en/accounts/login/", {"username": email, "password": "wrong"})
    Client().post("/en/accounts/login/", {"username": "nobody@example.org", "password": "x"})
    Client().post("/en/accounts/login/", {"username": email, "password": PASSWORD})
    assert actions_about(person.user) == ["auth.login_failed", "auth.login"]
    failed = AuditEntry.objects.filter(action="auth.login_failed")
    assert failed.count() == 2
    assert not any("nobody@example.org" in str(e.data) for e in failed)  # typed address not kept


def test_a_log_in_clears_the_inactivity_flag() -> None:
    person = PersonFactory()
    InactivityFlag.objects.create(user=person.user)
    Client().post("/en/accounts/login/", {"username": person.user.email, "password": PASSWORD})
    assert not InactivityFlag.objects.exists()


def test_role_and_permission_changes_are_recorded_with_who_did_them() -> None:
    admin = UserFactory(is_superuser=True, is_staff=True)
    person = PersonFactory()
    user = person.user
    client = Client()
    client.force_login(admin)
    response = client.post(
        f"/admin/core/user/{user.pk}/change/",
        {
            "email": user.email,
            "is_active": "on",
            "is_staff": "on",
            "groups": [Group.objects.create(name="Équipe").pk],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    entries = AuditEntry.objects.filter(target_id=str(user.pk), target_type="core.user")
    staff = entries.get(action="role.staff_changed")
    assert (staff.actor, staff.data) == (admin, {"before": False, "after": True})
    assert entries.get(action="role.groups_changed").data == {"added": ["Équipe"]}
    programme = ProgrammeFactory()
    programme.team.add(user)
    user.user_permissions.add(Permission.objects.get(codename="view_coalition"))
    programme.team.clear()
    assert list(entries.order_by("id").values_list("action", "data"))[-3:] == [
        ("role.programme_team_changed", {"added": [programme.name]}),
        ("role.permissions_changed", {"added": ["coalitions.view_coalition"]}),
        ("role.programme_team_changed", {"removed": [programme.name]}),
    ]


def test_a_rehashed_password_is_not_a_change_but_a_new_one_is() -> None:
    user = UserFactory()
    user.set_password("another long passphrase")
    user.save()
    assert actions_about(user) == ["auth.password_changed"]


def test_each_person_sees_their_own_entries() -> None:
    person, other = PersonFactory(), PersonFactory()
    for who in (person, other):
        Client().post("/en/accounts/login/", {"username": who.user.email, "password": PASSWORD})
    client = Client()
    client.force_login(person.user)
    entries = client.get("/en/me/audit/").context["page"].object_list
    assert entries and all(
        e.actor_id == person.user_id or e.target_id == str(person.user_id) for e in entries
    )
    assert "Logged in" in client.get("/en/me/audit/").content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("person", 403), ("team", 200), ("staff", 403), ("admin", 200)],
)
def test_the_log_is_for_teams_and_admins(role: str, status: int) -> None:
    """A team reads its programmes' part of the log; the inactive accounts are the admins'."""
    client = Client()
    if role != "anonymous":
        user = PersonFactory().user
        if role == "team":
            ProgrammeFactory().team.add(user)
        elif role == "staff":
            user.is_staff = True
            user.save()
        elif role == "admin":
            user.is_superuser = True
            user.save()
        client.force_login(user)
    assert client.get("/en/team/audit/").status_code == status
    admins_only = status if role in ("anonymous", "person", "staff", "admin") else 403
    assert client.get("/en/team/inactive-accounts/").status_code == admins_only


def test_the_log_is_filtered_and_paginated() -> None:
    team = PersonFactory(user__is_superuser=True).user  # log-ins are the platform admins'
    target = PersonFactory()
    for _ in range(60):
        Client().post("/en/accounts/login/", {"username": target.user.email, "password": "x"})
    client = Client()
    client.force_login(team)
    page = client.get("/en/team/audit/", {"action": "auth.login_failed"}).context["page"]
    assert page.paginator.count >= 60 and len(page.object_list) == 50
    assert {e.action for e in page.object_list} == {"auth.login_failed"}
    page = client.get("/en/team/audit/", {"action": "auth.", "page": 2}).context["page"]
    assert page.number == 2
    by_name = client.get("/en/team/audit/", {"actor": team.person.last_name}).context["page"]
    assert all(e.actor_id == team.pk for e in by_name.object_list)
    junk = client.get("/en/team/audit/", {"since": "not a date", "action": "<script>"})
    assert junk.status_code == 200

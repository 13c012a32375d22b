"""Model permissions are for staff: a person who is not staff is answered "none" without a
query, staff and superusers keep what their groups give."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alliage.core.models import User

from ..factories import CoalitionFactory, PersonFactory

pytestmark = pytest.mark.django_db


def editors() -> Group:
    group = Group.objects.create(name="Rédaction")
    group.permissions.add(Permission.objects.get(codename="change_coalition"))
    return group


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # no permission cache


def test_who_is_not_staff_has_no_model_permission_whatever_their_groups() -> None:
    user = PersonFactory().user
    user.groups.add(editors())
    with CaptureQueriesContext(connection) as ctx:
        assert not fresh(user).has_perm("coalitions.change_coalition")
    assert len([q for q in ctx.captured_queries if "auth_permission" in q["sql"]]) == 0


def test_staff_keep_their_groups_model_permissions_and_superusers_all() -> None:
    user = PersonFactory().user
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(editors())
    assert fresh(user).has_perm("coalitions.change_coalition")
    assert not fresh(user).has_perm("coalitions.delete_coalition")
    boss = User.objects.create_superuser(email="chef@example.org", password="x-long-password-1")
    assert fresh(boss).has_perm("coalitions.delete_coalition")


def test_a_signed_in_page_asks_for_no_model_permission_of_a_member() -> None:
    coalition = CoalitionFactory()
    client = Client()
    client.force_login(PersonFactory().user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/coalitions/{coalition.slug}/").status_code == 200
    assert not [q for q in ctx.captured_queries if "auth_permission" in q["sql"]]


def test_signing_in_with_a_password_keeps_the_session_on_this_backend() -> None:
    user = PersonFactory().user
    user.set_password("un-mot-de-passe-solide-42")
    user.save()
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": user.email, "password": "un-mot-de-passe-solide-42"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "alliage.core.auth.ModelBackend"
    assert client.get("/me/").status_code == 200

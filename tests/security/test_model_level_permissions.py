"""Every permission answers the model-level question: Django's admin asks ``has_perm(name)``
without an object (``obj=None``), for every role; no predicate may fail on it. And the admin
opens for a programme-team member who is not a superuser: 200 or 403, never a 500."""

from __future__ import annotations

import pytest
import rules
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from alliage.team.services import TEAM_APPS, TEAM_GROUP_NAME, team_group

from .world import ROLES, World


@pytest.mark.django_db
def test_every_registered_permission_answers_without_an_object(world: World) -> None:
    names = sorted(rules.permissions.permissions)
    assert len(names) > 30
    for role in ROLES:
        user = world.user(role)
        for name in names:
            answer = user.has_perm(name)  # must not raise
            assert answer in (True, False), (role, name)


@pytest.mark.django_db
def test_every_admin_page_answers_the_team_without_a_500(world: World) -> None:
    team = world.user("team")
    assert not team.is_superuser
    team.is_staff = True  # the demo's team account reaches the administration
    team.save(update_fields=["is_staff"])
    team.groups.add(team_group())  # and holds the team group's model permissions, as there
    client = Client(raise_request_exception=False)
    client.force_login(team)
    pages = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(_request(team)):
            pages.append(reverse("admin:{}_{}_add".format(*info)))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
    statuses = {page: client.get(page).status_code for page in pages}
    failing = {page: status for page, status in statuses.items() if status not in (200, 403)}
    assert not failing, failing
    assert statuses[reverse("admin:index")] == 200
    opened = {page for page, status in statuses.items() if status == 200}
    for app in TEAM_APPS:  # the group opens the pages of every app the team runs
        app_models = [m for m in admin.site._registry if m._meta.app_label == app]
        assert app_models, app
        for model in app_models:
            assert reverse(f"admin:{app}_{model._meta.model_name}_changelist") in opened
    # Outside them, the group grants nothing: the audit log and accounts stay the superuser's.
    assert statuses[reverse("admin:core_user_changelist")] == 403


@pytest.mark.django_db
def test_team_group_holds_the_model_permissions_of_the_team_apps_and_only_them() -> None:
    group = team_group()
    assert group.name == TEAM_GROUP_NAME
    apps = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert apps == set(TEAM_APPS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_coalition", "change_organisation", "view_call", "change_event"} <= codenames
    # Outside actors and coalitions, rows are created and deleted through the services.
    assert not {"add_call", "delete_call", "delete_event", "add_publication"} & codenames
    assert team_group().pk == group.pk  # updated, not duplicated
    assert Group.objects.filter(name=TEAM_GROUP_NAME).count() == 1


@pytest.mark.django_db
def test_migrate_keeps_the_team_group_in_step() -> None:
    group = team_group()
    group.permissions.clear()
    group.permissions.add(Permission.objects.get(codename="view_user"))
    call_command("migrate", verbosity=0)  # post_migrate, as after a deployment
    apps = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert apps == set(TEAM_APPS)


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request

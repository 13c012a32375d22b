"""Every permission answers the model-level question: Django's admin asks ``has_perm(name)``
without an object (``obj=None``), for every role; no predicate may fail on it. And the admin
opens for a programme-team member who is not a superuser: 200 or 403, never a 500."""

from __future__ import annotations

import pytest
import rules
from django.contrib import admin
from django.test import Client
from django.urls import reverse

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
    assert not failing
    assert statuses[reverse("admin:index")] == 200


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request

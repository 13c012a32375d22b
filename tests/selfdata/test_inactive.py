"""Inactive accounts are flagged after ALLIAGE_INACTIVE_AFTER_DAYS by a command the team runs,
and listed for the team."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from alliage.core.models import AuditEntry, User
from alliage.selfdata.models import InactivityFlag

from ..factories import PersonFactory

pytestmark = pytest.mark.django_db


def aged(days: int, logged_in: bool = True) -> User:
    user = PersonFactory().user
    then = timezone.now() - dt.timedelta(days=days)
    User.objects.filter(pk=user.pk).update(last_login=then if logged_in else None, date_joined=then)
    return user


def test_the_command_flags_accounts_unused_for_the_configured_time(settings) -> None:
    settings.ALLIAGE_INACTIVE_AFTER_DAYS = 365
    old, never, recent = aged(400), aged(400, logged_in=False), aged(10)
    out = StringIO()
    call_command("flag_inactive_accounts", "--dry-run", stdout=out)
    assert "2" in out.getvalue() and not InactivityFlag.objects.exists()
    call_command("flag_inactive_accounts", stdout=StringIO())
    assert set(InactivityFlag.objects.values_list("user", flat=True)) == {old.pk, never.pk}
    assert AuditEntry.objects.filter(action="account.flagged_inactive").count() == 2
    call_command("flag_inactive_accounts", stdout=StringIO())  # nothing new
    assert InactivityFlag.objects.count() == 2
    User.objects.filter(pk=old.pk).update(last_login=timezone.now())
    call_command("flag_inactive_accounts", stdout=StringIO())
    assert set(InactivityFlag.objects.values_list("user", flat=True)) == {never.pk}
    assert recent.pk not in InactivityFlag.objects.values_list("user", flat=True)


def test_a_platform_admin_sees_the_list() -> None:
    flagged = aged(1000)
    call_command("flag_inactive_accounts", stdout=StringIO())
    team = PersonFactory(user__is_superuser=True).user
    client = Client()
    client.force_login(team)
    body = client.get("/en/team/inactive-accounts/").content.decode()
    assert flagged.email in body


def test_erase_account_command(capsys) -> None:
    person = PersonFactory()
    call_command("erase_account", person.user.email, "--dry-run", stdout=StringIO())
    assert User.objects.get(pk=person.user_id).email == person.user.email
    call_command("erase_account", person.user.email, "--yes", stdout=StringIO())
    assert User.objects.get(pk=person.user_id).is_erased

"""A programme's team reads the audit entries about its own programme's objects, never the
log-ins of people nor another programme's entries; the whole log and the inactive accounts are
the platform admins' (F11)."""

from __future__ import annotations

import pytest
from django.test import Client

from alliage.agenda.audit import AuditAction as AgendaAction
from alliage.calls.audit import AuditAction as CallAction
from alliage.coalitions.audit import AuditAction as CoalitionAction
from alliage.commons.audit import AuditAction as CommonsAction
from alliage.core.services import audit_record
from alliage.selfdata.audit import AuditAction as SelfDataAction
from alliage.selfdata.models import InactivityFlag
from alliage.selfdata.selectors import audit_actions, audit_list

from ..factories import (
    CallFactory,
    CoalitionFactory,
    EventFactory,
    PersonFactory,
    ProgrammeFactory,
    PublicationFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def programme_with_entries(name: str):
    """A programme, its team, and one audit entry about each kind of its objects."""
    programme = ProgrammeFactory(name=name)
    team = PersonFactory(last_name=f"Équipe {name}").user
    programme.team.add(team)
    coalition = CoalitionFactory(programme=programme)
    call = CallFactory(programme=programme)
    submission = SubmissionFactory(call=call)
    event = EventFactory(programme=programme)
    publication = PublicationFactory(programme=programme)
    by = PersonFactory().user
    entries = [
        audit_record(action=CoalitionAction.PROGRAMME_CHANGED, by=team, target=programme),
        audit_record(action=CoalitionAction.PROPOSED, by=by, target=coalition),
        audit_record(action=CallAction.CALL_UPDATED, by=team, target=call),
        audit_record(action=next(iter(CallAction)), by=by, target=submission),
        audit_record(action=next(iter(AgendaAction)), by=team, target=event),
        audit_record(action=next(iter(CommonsAction)), by=team, target=publication),
    ]
    return programme, team, by, {e.pk for e in entries}


@pytest.fixture
def two():
    a = programme_with_entries("Alpha")
    b = programme_with_entries("Bêta")
    login = audit_record(action=SelfDataAction.AUTH_LOGIN, by=a[2], target=a[2])
    failed = audit_record(action=SelfDataAction.AUTH_LOGIN_FAILED, by=None, target=b[2])
    return a, b, {login.pk, failed.pk}


def test_each_team_reads_its_programmes_entries_only(two) -> None:
    (_, team_a, _, entries_a), (_, team_b, _, entries_b), _log_ins = two
    assert set(audit_list(viewer=team_a).values_list("pk", flat=True)) == entries_a
    assert set(audit_list(viewer=team_b).values_list("pk", flat=True)) == entries_b


def test_log_ins_are_for_platform_admins_only(two) -> None:
    (_, team_a, person_a, entries_a), (_, _, _, entries_b), log_ins = two
    assert not audit_list(viewer=team_a, action="auth.")
    assert "auth.login" not in audit_actions(viewer=team_a)
    assert not audit_list(viewer=team_a, actor=person_a.email).filter(action__startswith="auth.")
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert set(audit_list(viewer=admin).values_list("pk", flat=True)) >= (
        entries_a | entries_b | log_ins
    )


def test_the_page_of_a_team_shows_no_log_in_of_anyone(two) -> None:
    (_, team_a, person_a, _), (_, _, person_b, _), _ = two
    client = Client()
    client.force_login(team_a)
    page = client.get("/en/team/audit/", {"action": "auth.login_failed"})
    assert page.status_code == 200
    body = page.content.decode()
    assert person_a.email not in body and person_b.email not in body
    assert "Inactive accounts" not in body


def test_the_inactive_accounts_are_for_platform_admins_only(two) -> None:
    (_, team_a, person_a, _), _, _ = two
    InactivityFlag.objects.create(user=person_a)
    client = Client()
    client.force_login(team_a)
    assert client.get("/en/team/inactive-accounts/").status_code == 403
    admin = UserFactory(is_superuser=True, is_staff=True)
    PersonFactory(user=admin)
    client.force_login(admin)
    page = client.get("/en/team/inactive-accounts/")
    assert page.status_code == 200
    assert person_a.email in page.content.decode()

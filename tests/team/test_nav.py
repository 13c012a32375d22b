"""The team's menu: the dashboard first, then each app's entry in its order, the current page
marked."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from ..factories import PersonFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_the_menu_lists_programmes_after_the_dashboard_and_marks_the_current_page() -> None:
    user = PersonFactory().user
    ProgrammeFactory().team.add(user)
    client = Client()
    client.force_login(user)
    html = client.get("/en/team/programmes/").content.decode()
    nav = re.search(r'<nav class="team-nav".*?</nav>', html, re.S).group(0)
    labels = re.findall(r">([^<>]+)</a>", nav)
    assert labels[:2] == ["Dashboard", "Programmes"]
    assert 'href="/en/team/programmes/" aria-current="page"' in nav
    assert 'href="/en/team/" aria-current' not in nav
    dashboard = client.get("/en/team/").content.decode()
    assert 'href="/en/team/" aria-current="page"' in dashboard
    assert "team/team.css" in dashboard


def test_the_menu_leads_to_the_audit_log_which_the_team_may_read() -> None:
    user = PersonFactory().user
    ProgrammeFactory().team.add(user)
    client = Client()
    client.force_login(user)
    nav = re.search(
        r'<nav class="team-nav".*?</nav>', client.get("/en/team/").content.decode(), re.S
    )
    assert '<a href="/en/team/audit/">Audit log</a>' in nav.group(0)
    assert client.get("/en/team/audit/").status_code == 200

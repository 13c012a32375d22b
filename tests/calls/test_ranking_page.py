"""The ranking fits or scrolls in its own focusable region, its Decision column kept in view,
and its criteria named in full."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ..factories import CallFactory, CriterionFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_ranking_names_each_criterion_in_full_and_keeps_the_decision_column() -> None:
    now = dt.datetime.now(tz=dt.UTC)
    call = CallFactory(opens_at=now - dt.timedelta(days=9), closes_at=now - dt.timedelta(hours=1))
    long_name = "Alignement du modèle économique et du modèle d'impact"
    CriterionFactory(call=call, name=long_name, weight=2)
    SubmissionFactory(call=call)
    team = UserFactory()
    call.programme.team.add(team)
    client = Client()
    client.force_login(team)
    body = client.get(f"/en/calls/{call.slug}/ranking/").content.decode()
    region = body.split('class="table-scroll ranking-scroll"')[1].split(">")[0]
    assert 'tabindex="0"' in region and 'role="region"' in region
    assert 'aria-describedby="ranking-hint"' in region
    assert "the Decision column stays in view" in body
    header = body.split('<th scope="col" class="criterion">')[1].split("</th>")[0]
    assert "Alignement du modèle économique et du modèle d&#x27;impact" in header
    assert "…" not in header and "(weight 2)" in header
    assert '<th scope="col" class="decision">' in body and '<td class="decision">' in body

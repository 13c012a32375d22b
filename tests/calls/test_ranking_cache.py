"""The ranking's figures are computed once for the whole team and computed again the moment a
review, a proposal or the rubric changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alliage.calls import services
from alliage.calls.selectors import call_ranking_order

from ..factories import CallFactory, CriterionFactory, PersonFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def ranking(client: Client, slug: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/en/calls/{slug}/ranking/")
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def review(submission, criterion, value: int) -> None:
    reviewer = PersonFactory().user
    assignment = services.assignment_create(
        submission=submission, reviewer=reviewer, by=UserFactory(is_superuser=True)
    )
    services.review_save(
        assignment=assignment, by=reviewer, scores={criterion.pk: value}, comment="", submit=True
    )


def team_client(call) -> Client:
    member = PersonFactory().user
    call.programme.team.add(member)
    client = Client()
    client.force_login(member)
    return client


def test_a_second_member_of_the_team_reads_the_figures_the_first_computed() -> None:
    call = CallFactory()
    criterion = CriterionFactory(call=call, scale=10)
    for value in (2, 6, 9):
        review(SubmissionFactory(call=call), criterion, value)
    first, second = team_client(call), team_client(call)
    page, cold = ranking(first, call.slug)
    again, warm = ranking(second, call.slug)
    assert warm < cold  # the aggregates were not asked for again
    assert [row.score for row in call_ranking_order(call=call)] == [0.9, 0.6, 0.2]
    for html in (page, again):
        assert html.index("90.0 %") < html.index("60.0 %") < html.index("20.0 %")


def test_a_review_submitted_after_the_ranking_was_read_shows_at_once() -> None:
    call = CallFactory()
    criterion = CriterionFactory(call=call, scale=10)
    leading = SubmissionFactory(call=call, title="Proposition en tête")
    review(leading, criterion, 8)
    later = SubmissionFactory(call=call, title="Proposition remontée")
    client = team_client(call)
    page, _ = ranking(client, call.slug)
    assert page.index("Proposition en tête") < page.index("Proposition remontée")
    ranking(client, call.slug)  # read from the cache
    review(later, criterion, 10)
    page, _ = ranking(client, call.slug)
    assert "100.0 %" in page
    assert page.index("Proposition remontée") < page.index("Proposition en tête")


def test_a_withdrawn_proposal_leaves_the_ranking_at_once() -> None:
    call = CallFactory()
    criterion = CriterionFactory(call=call)
    kept = SubmissionFactory(call=call, title="Proposition maintenue")
    gone = SubmissionFactory(call=call, title="Proposition retirée")
    review(kept, criterion, 3)
    client = team_client(call)
    assert "Proposition retirée" in ranking(client, call.slug)[0]
    services.submission_withdraw(submission=gone, by=gone.person.user)
    page, _ = ranking(client, call.slug)
    assert "Proposition retirée" not in page and "Proposition maintenue" in page

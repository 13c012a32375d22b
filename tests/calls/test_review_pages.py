"""The review page shows the proposal beside the rubric; a sent review reads again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from alliage.calls import services
from alliage.calls.models import Assignment

from ..factories import CallFactory, CriterionFactory, PersonFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def en(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def reviewer_on(**fields):
    now = dt.datetime.now(tz=dt.UTC)
    call = CallFactory(
        opens_at=now - dt.timedelta(days=30),
        closes_at=now - dt.timedelta(hours=1),
        review_due_at=now + dt.timedelta(days=5),
    )
    criterion = CriterionFactory(call=call, name="Impact", scale=5)
    submission = SubmissionFactory(
        call=call, summary="Isoler toutes les écoles du département.", **fields
    )
    user = PersonFactory().user
    assignment = Assignment.objects.create(submission=submission, reviewer=user)
    client = Client()
    client.force_login(user)
    return client, submission, assignment, criterion, user


def test_the_review_page_shows_the_proposal_beside_the_rubric() -> None:
    client, submission, _assignment, _criterion, _user = reviewer_on(impact="Moins 40 % d'énergie")
    body = client.get(en("calls:review-form", submission.pk)).content.decode()
    proposal, rubric = body.index("review-proposal-col"), body.index("review-rubric")
    assert proposal < rubric  # on a phone, the proposal comes first
    assert "Isoler toutes les écoles du département." in body[proposal:rubric]
    assert "Moins 40 % d&#x27;énergie" in body[proposal:rubric]
    assert 'name="comment"' in body[rubric:] and "due by" in body
    assert "calls/review.css" in body


def test_a_sent_review_reads_again_and_does_not_change() -> None:
    client, submission, assignment, criterion, user = reviewer_on()
    services.review_save(
        assignment=assignment, by=user, scores={criterion.pk: 4}, comment="Solide.", submit=True
    )
    page = client.get(en("calls:review-form", submission.pk))
    body = page.content.decode()
    assert page.status_code == 200 and "4/5" in body and "Solide." in body
    assert "<form" not in body.split('id="my-scores"')[1].split("</section>")[0]
    data = {f"c{criterion.pk}": "1", "action": "submit"}
    response = client.post(en("calls:review-form", submission.pk), data)
    assert response.status_code == 302
    assert assignment.scores.get().value == 4
    detail = client.get(en("calls:submission-detail", submission.pk)).content.decode()
    assert "Read my review" in detail


def test_the_queue_links_a_sent_review_to_its_reading() -> None:
    client, submission, assignment, criterion, user = reviewer_on()
    services.review_save(
        assignment=assignment, by=user, scores={criterion.pk: 2}, comment="", submit=True
    )
    body = client.get(en("calls:reviewer-queue")).content.decode()
    assert "Submitted: read it" in body and en("calls:review-form", submission.pk) in body

"""The queue of proposals to review is named apart from the impact evaluation, and offered to
reviewers only."""

from __future__ import annotations

import pytest
from django.test import Client

from alliage.calls import selectors
from alliage.calls.models import Assignment

from ..factories import CallFactory, PersonFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def page_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get("/en/calls/").content.decode()


def test_only_reviewers_are_offered_the_proposals_to_review() -> None:
    nobody, pooled, assigned = (PersonFactory().user for _ in range(3))
    CallFactory().reviewers.add(pooled)
    Assignment.objects.create(submission=SubmissionFactory(), reviewer=assigned)
    assert not selectors.is_reviewer(viewer=nobody)
    assert selectors.is_reviewer(viewer=pooled) and selectors.is_reviewer(viewer=assigned)
    assert "Proposals to review" not in page_for(nobody)
    for user in (pooled, assigned):
        body = page_for(user)
        assert "Proposals to review" in body and "/en/calls/reviews/" in body
        assert "My reviews" not in body


def test_the_queue_is_called_proposals_to_review() -> None:
    user = PersonFactory().user
    client = Client()
    client.force_login(user)
    body = client.get("/en/calls/reviews/").content.decode()
    assert "<h1>Proposals to review</h1>" in body and "No proposal to review." in body
    french = client.get("/calls/reviews/").content.decode()
    assert "Mes évaluations" not in french

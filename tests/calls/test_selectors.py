"""The reads views make through calls' selectors."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliage.actors.models import Person
from alliage.calls import selectors, services
from alliage.calls.models import Submission

from ..factories import AffiliationFactory, PersonFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_submission_detail_raises_the_models_does_not_exist() -> None:
    submission = SubmissionFactory()
    assert selectors.submission_detail(pk=submission.pk) == submission
    with pytest.raises(Submission.DoesNotExist):
        selectors.submission_detail(pk=submission.pk + 1000)


def test_the_reviewer_pool_leaves_out_the_assigned_reviewers() -> None:
    submission = SubmissionFactory()
    assigned, free, outside = PersonFactory().user, PersonFactory().user, PersonFactory().user
    submission.call.reviewers.set([assigned, free])
    services.assignment_create(
        submission=submission, reviewer=assigned, by=UserFactory(is_superuser=True)
    )
    assert list(selectors.submission_reviewer_pool(submission=submission)) == [free]
    assert [a.reviewer for a in selectors.submission_assignments(submission=submission)] == [
        assigned
    ]
    assert selectors.call_pool_reviewer(call=submission.call, pk=free.pk) == free
    assert selectors.call_pool_reviewer(call=submission.call, pk=outside.pk) is None
    assert selectors.call_reviewer_count(call=submission.call) == 2


def test_the_organisations_one_submits_for_are_ones_own_and_reading_creates_no_person() -> None:
    affiliation = AffiliationFactory()
    AffiliationFactory()  # someone else's organisation
    viewer = affiliation.person.user
    assert list(selectors.submission_organisations(viewer=viewer)) == [affiliation.organisation]
    newcomer = UserFactory()
    assert list(selectors.submission_organisations(viewer=newcomer)) == []
    assert not Person.objects.filter(user=newcomer).exists()


def test_the_reviewers_assignment_is_read_once_per_submission() -> None:
    submission = SubmissionFactory()
    reviewer = PersonFactory().user
    assignment = services.assignment_create(
        submission=submission, reviewer=reviewer, by=UserFactory(is_superuser=True)
    )
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert selectors.reviewer_assignment(submission=submission, viewer=reviewer) == (
                assignment
            )
            assert reviewer.has_perm("calls.review_submission", submission)
    assert len([q for q in queries if "calls_assignment" in q["sql"]]) == 1

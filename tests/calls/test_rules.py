"""The calls' permission table: each role against each action, on a submission in review."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from alliage.calls import services

from ..conftest import fresh
from ..factories import (
    AffiliationFactory,
    CriterionFactory,
    OrganisationFactory,
    PersonFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PERMS = ("see_submission", "edit_submission", "review_submission", "view_all_reviews",
         "decide_submission")  # fmt: skip
T, F = True, False
TABLE = {
    "anonymous": (F, F, F, F, F),
    "outsider": (F, F, F, F, F),
    "submitter": (T, T, F, F, F),
    "reviewer": (T, F, T, F, F),
    "reviewer_done": (T, F, F, T, F),
    "conflicted_reviewer": (F, F, F, F, F),
    "team": (T, F, F, T, T),
    "admin": (T, T, T, T, T),  # superusers pass every rule; services still check ownership
}


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role: str) -> None:
    submission = SubmissionFactory(organisation=OrganisationFactory())
    CriterionFactory(call=submission.call)
    boss = UserFactory(is_superuser=True)
    if role == "anonymous":
        user = AnonymousUser()
    elif role == "submitter":
        user = submission.person.user
    elif role in ("reviewer", "reviewer_done", "conflicted_reviewer"):
        user = PersonFactory().user
        assignment = services.assignment_create(submission=submission, reviewer=user, by=boss)
        if role == "reviewer_done":
            services.review_save(
                assignment=assignment,
                by=user,
                scores={c.pk: 3 for c in submission.call.criteria.all()},
                comment="",
                submit=True,
            )
        if role == "conflicted_reviewer":
            # Joined the submitting organisation after being assigned.
            AffiliationFactory(person=user.person, organisation=submission.organisation)
    elif role == "team":
        user = PersonFactory().user
        submission.call.programme.team.add(user)
    elif role == "admin":
        user = boss
    else:
        user = PersonFactory().user
    user = fresh(user)
    submission = type(submission).objects.get(pk=submission.pk)  # as a new request reads it
    actual = tuple(user.has_perm(f"calls.{perm}", submission) for perm in PERMS)
    assert dict(zip(PERMS, actual, strict=True)) == dict(zip(PERMS, TABLE[role], strict=True))

"""Permission predicates on calls and submissions; each caches what it reads."""

from __future__ import annotations

from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User
from alliage.core.predicates import object_predicate

from .models import Assignment, Call, CallVisibility, Conflict, Decision, Submission


def _call_of(obj: Call | Submission) -> Call:
    return obj if isinstance(obj, Call) else obj.call


@object_predicate
def is_call_team(user: User, obj: Call | Submission) -> bool:
    """The team of the call's programme runs it and sees everything."""
    return _call_of(obj).programme_id in team_programme_ids(user)


@object_predicate
def is_public_call(user: User, call: Call) -> bool:
    return call.visibility == CallVisibility.PUBLIC


@object_predicate
def is_submitter(user: User, submission: Submission) -> bool:
    return user.is_authenticated and submission.person.user_id == user.pk


def assignment_of(user: User, submission: Submission) -> Assignment | None:
    """The user's assignment on this submission, read once per pair."""
    if not user.is_authenticated:
        return None
    cache: dict[int, Assignment | None] = submission.__dict__.setdefault("_assignment_cache", {})
    if user.pk not in cache:
        cache[user.pk] = submission.assignments.filter(reviewer_id=user.pk).first()
    return cache[user.pk]


@object_predicate
def is_assigned_reviewer(user: User, submission: Submission) -> bool:
    return assignment_of(user, submission) is not None


def conflicted(user: User, submission: Submission) -> bool:
    """A reviewer is conflicted with a submission from an organisation they belong to, their
    own submission, or one they declared a conflict with."""
    if not user.is_authenticated:
        return False
    cache: dict[int, bool] = submission.__dict__.setdefault("_conflict_cache", {})
    if user.pk not in cache:
        cache[user.pk] = (
            submission.person.user_id == user.pk
            or Conflict.objects.filter(reviewer_id=user.pk, submission=submission).exists()
            or (
                submission.organisation_id is not None
                and submission.organisation.affiliations.filter(person__user_id=user.pk).exists()
            )
        )
    return cache[user.pk]


@object_predicate
def is_conflicted(user: User, submission: Submission) -> bool:
    return conflicted(user, submission)


@object_predicate
def has_reviewed(user: User, submission: Submission) -> bool:
    """Blind review: the others' scores open only once one's own review is submitted."""
    assignment = assignment_of(user, submission)
    return assignment is not None and assignment.submitted_at is not None


@object_predicate
def is_in_review(user: User, submission: Submission) -> bool:
    return submission.status == "submitted" and submission.call.decided_at is None


@object_predicate
def is_published_acceptance(user: User, submission: Submission) -> bool:
    """Once a public call is decided, its accepted projects are public."""
    call = submission.call
    return (
        call.visibility == CallVisibility.PUBLIC
        and call.decided_at is not None
        and submission.status == "submitted"
        and submission.decision == Decision.ACCEPTED
    )

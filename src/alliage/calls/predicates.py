"""Permission predicates on calls and submissions; what they read is kept on the submission
(``core.predicates.memo``), so one page asks the database once however many checks it makes."""

from __future__ import annotations

from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User
from alliage.core.predicates import memo, memo_forget, object_predicate

from .models import (
    Assignment,
    Call,
    CallVisibility,
    Conflict,
    Decision,
    Submission,
    SubmissionStatus,
)

ASSIGNMENT = "calls.assignment_of"
CONFLICTED = "calls.conflicted"
INVITED = "calls.invited"


def _call_of(obj: Call | Submission) -> Call:
    return obj if isinstance(obj, Call) else obj.call


@object_predicate
def is_call_team(user: User, obj: Call | Submission) -> bool:
    """The team of the call's programme runs it and sees everything."""
    return _call_of(obj).programme_id in team_programme_ids(user)


@object_predicate
def is_public_call(user: User, call: Call) -> bool:
    """A public call is seen by everyone; a team call is the programme team's draft."""
    return call.visibility == CallVisibility.PUBLIC


@object_predicate
def is_invited(user: User, call: Call) -> bool:
    """Invited from the idea stage: the person holds a proposal in this call carried over
    from a retained idea, so they reach the call (and send it) even while it is the team's
    draft. Nobody else gains anything from it."""
    if not user.is_authenticated or not isinstance(call, Call):
        return False
    return memo(
        call,
        (INVITED, user.pk),
        lambda: Submission.objects.filter(
            call=call, person__user_id=user.pk, invited_from__isnull=False
        ).exists(),
    )


@object_predicate
def is_submitter(user: User, submission: Submission) -> bool:
    """The person who wrote the submission."""
    return user.is_authenticated and submission.person.user_id == user.pk


def assignment_of(user: User, submission: Submission) -> Assignment | None:
    """The user's assignment on this submission (None for anyone not asked to review it),
    read once per user and submission."""
    if not user.is_authenticated:
        return None
    return memo(
        submission,
        (ASSIGNMENT, user.pk),
        lambda: submission.assignments.filter(reviewer_id=user.pk).first(),
    )


@object_predicate
def is_sent(user: User, submission: Submission) -> bool:
    """A proposal its author has sent (and may since have withdrawn). A draft never sent is
    its author's alone: neither the team, nor a reviewer, nor an administrator reads it."""
    return submission.status == SubmissionStatus.SUBMITTED or (
        submission.status == SubmissionStatus.WITHDRAWN and submission.submitted_at is not None
    )


@object_predicate
def is_assigned_reviewer(user: User, submission: Submission) -> bool:
    """Asked to review this submission."""
    return assignment_of(user, submission) is not None


def conflicted(user: User, submission: Submission) -> bool:
    """A reviewer is conflicted with a submission from an organisation they belong to, their
    own submission, or one they declared a conflict with."""
    if not user.is_authenticated:
        return False
    return memo(
        submission,
        (CONFLICTED, user.pk),
        lambda: (
            submission.person.user_id == user.pk
            or Conflict.objects.filter(reviewer_id=user.pk, submission=submission).exists()
            or (
                submission.organisation_id is not None
                and submission.organisation.affiliations.filter(person__user_id=user.pk).exists()
            )
        ),
    )


def reviewer_facts_forget(user: User, submission: Submission) -> None:
    """Forget what ``assignment_of`` and ``conflicted`` read for this user, once a service
    has changed it (a declared conflict removes the assignment)."""
    memo_forget(submission, (ASSIGNMENT, user.pk), (CONFLICTED, user.pk))


@object_predicate
def is_conflicted(user: User, submission: Submission) -> bool:
    """Has a conflict of interest with the submission (see ``conflicted``)."""
    return conflicted(user, submission)


@object_predicate
def has_reviewed(user: User, submission: Submission) -> bool:
    """Blind review: the others' scores open only once one's own review is submitted."""
    assignment = assignment_of(user, submission)
    return assignment is not None and assignment.submitted_at is not None


@object_predicate
def is_in_review(user: User, submission: Submission) -> bool:
    """A sent submission is reviewed until the call's decisions are published."""
    return submission.status == SubmissionStatus.SUBMITTED and submission.call.decided_at is None


@object_predicate
def is_published_acceptance(user: User, submission: Submission) -> bool:
    """Once a public call is decided, its accepted projects are public."""
    call = submission.call
    return (
        call.visibility == CallVisibility.PUBLIC
        and call.decided_at is not None
        and submission.status == SubmissionStatus.SUBMITTED
        and submission.decision == Decision.ACCEPTED
    )

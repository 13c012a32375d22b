"""E-mails about submissions, sent by the task queue."""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from alliage.core.text import one_line
from alliage.workers.services import effect_once


class Notice(StrEnum):
    """The e-mails a submitter receives; each value names its templates
    (``calls/email/<value>.txt`` and ``<value>_subject.txt``)."""

    SUBMITTED = "submitted"
    DECIDED = "decided"


@task()
def submission_notify(*, submission_id: int, kind: str, language: str = "fr") -> bool:
    """Send the submitter the ``kind`` e-mail (a ``Notice``) in their language (``User.language``,
    else ``language``). A decision is never told before the call's decisions are published."""
    from .models import Submission

    notice = Notice(kind)  # an unknown kind is a ValueError
    submission = (
        Submission.objects.select_related("call", "person__user").filter(pk=submission_id).first()
    )
    if submission is None:
        return False
    if notice == Notice.DECIDED and submission.call.decided_at is None:
        return False
    with translation.override(submission.person.user.language or language):
        context = {
            "submission": submission,
            "call": submission.call,
            "person": submission.person,
            "url": settings.ALLIAGE_BASE_URL.rstrip("/") + submission.get_absolute_url(),
        }
        subject = one_line(render_to_string(f"calls/email/{notice}_subject.txt", context))
        body = render_to_string(f"calls/email/{notice}.txt", context)
    email = submission.person.user.email
    effect_once(f"mail:{email}", lambda: send_mail(subject, body, None, [email]))
    return True


@task()
def invitation_notify(*, submission_id: int, language: str = "fr") -> bool:
    """Tell the author of a retained idea that their draft awaits them in the project stage,
    in *their* language (``User.language``): ``language`` (the team's request's) is ignored."""
    from django.urls import reverse

    from .models import Submission, SubmissionStatus

    submission = (
        Submission.objects.select_related("call", "person__user", "invited_from__call")
        .filter(pk=submission_id, status=SubmissionStatus.DRAFT)
        .first()
    )
    if submission is None or not submission.person.user.email:
        return False
    user = submission.person.user
    with translation.override(user.language or "fr"):
        context = {
            "submission": submission,
            "call": submission.call,
            "origin": submission.invited_from,
            "person": submission.person,
            "url": settings.ALLIAGE_BASE_URL.rstrip("/")
            + reverse("calls:submission-edit", kwargs={"slug": submission.call.slug}),
        }
        subject = one_line(render_to_string("calls/email/invited_subject.txt", context))
        body = render_to_string("calls/email/invited.txt", context)
    effect_once(f"mail:{user.email}", lambda: send_mail(subject, body, None, [user.email]))
    return True


class ReviewNotice(StrEnum):
    """The e-mails a reviewer receives; each value names its templates, as ``Notice``."""

    ASSIGNED = "review_assigned"
    REMINDER = "review_reminder"
    LATE = "review_late"


def _reviewer_mail(
    notice: ReviewNotice, *, call_id: int, reviewer_id: int, **extra: object
) -> bool:
    """Render and send a reviewer's e-mail in *their* language (``User.language``), whatever
    the language of the request or run that queued it. Nothing is sent when the reviewer has
    nothing left to review on the call (they finished in the meantime)."""
    from django.urls import reverse

    from alliage.core.models import User

    from .models import Assignment, Call, SubmissionStatus

    call = Call.objects.filter(pk=call_id).first()
    reviewer = User.objects.filter(pk=reviewer_id, is_active=True).select_related("person").first()
    if call is None or reviewer is None or not reviewer.email:
        return False
    pending = Assignment.objects.filter(
        reviewer=reviewer,
        submission__call=call,
        submission__status=SubmissionStatus.SUBMITTED,
        submitted_at__isnull=True,
    ).count()
    if pending == 0:
        return False
    with translation.override(reviewer.language or "fr"):
        context = {
            "call": call,
            "reviewer": reviewer,
            "name": getattr(getattr(reviewer, "person", None), "first_name", ""),
            "pending": pending,
            "due": call.review_due_at,
            "url": settings.ALLIAGE_BASE_URL.rstrip("/") + reverse("calls:reviewer-queue"),
            **extra,
        }
        subject = one_line(render_to_string(f"calls/email/{notice}_subject.txt", context))
        body = render_to_string(f"calls/email/{notice}.txt", context)
    effect_once(f"mail:{reviewer.email}", lambda: send_mail(subject, body, None, [reviewer.email]))
    return True


@task()
def reviewer_assigned_notify(
    *, call_id: int, reviewer_id: int, count: int, language: str = "fr"
) -> bool:
    """Tell a reviewer that ``count`` proposals of the call were just given to them (one
    e-mail per assignment run). ``language`` (the request's) is ignored: the reviewer's own
    language is used."""
    return _reviewer_mail(
        ReviewNotice.ASSIGNED, call_id=call_id, reviewer_id=reviewer_id, count=count
    )


@task()
def review_reminder_send(
    *, call_id: int, reviewer_id: int, kind: str, language: str = "fr"
) -> bool:
    """A reminder claimed by ``services.review_reminders_enqueue`` or the team's "remind now":
    before the due date (``soon``), or once it has passed (``late-N``, ``manual-…``)."""
    from django.utils import timezone

    from .models import Call

    late = kind.startswith("late")
    if kind == "manual":  # the team's "remind now": late only once the due date has passed
        due = Call.objects.filter(pk=call_id).values_list("review_due_at", flat=True).first()
        late = due is not None and due <= timezone.now()
    notice = ReviewNotice.LATE if late else ReviewNotice.REMINDER
    return _reviewer_mail(notice, call_id=call_id, reviewer_id=reviewer_id, kind=kind)

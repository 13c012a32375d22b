"""What calls hold about a person: their submissions, their reviews and declared conflicts,
the reviewer pools they are in; how it is exported and erased."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData
from alliage.core.selfdata import admin_log_forget
from alliage.core.uploads import delete_after_commit

from .models import (
    Answer,
    Assignment,
    Call,
    Conflict,
    ReviewReminder,
    Submission,
    SubmissionStatus,
)


def _submissions(user: User) -> Iterator[dict[str, Any]]:
    submissions = Submission.objects.filter(person__user=user).select_related(
        "call", "organisation"
    )
    for s in submissions.order_by("created_at", "id"):
        # The team's decision is the person's once the call's decisions are published (F2).
        published = s.call.decided_at is not None
        yield {
            "call": s.call.title,
            "title": s.title,
            "status": s.status,
            "on_behalf_of": s.organisation.name if s.organisation else "",
            "summary": s.summary,
            "diagnostic": s.diagnostic,
            "impact": s.impact,
            "partners_sought": s.partners_sought,
            "attachment": s.attachment_filename,
            "submitted_at": s.submitted_at,
            "decision": s.decision if published else "",
            "decision_message": s.decision_message if published else "",
            "decided_at": s.decided_at if published else None,
        }


def _reviews(user: User) -> Iterator[dict[str, Any]]:
    assignments = (
        Assignment.objects.filter(reviewer=user)
        .select_related("submission__call")
        .prefetch_related("scores__criterion")
    )
    for a in assignments.order_by("created_at", "id"):
        yield {
            "call": a.submission.call.title,
            "submission": a.submission.title,
            "assigned_at": a.created_at,
            "submitted_at": a.submitted_at,
            "comment": a.comment,
            "scores": {s.criterion.name: s.value for s in a.scores.all()},
        }


def _conflicts(user: User) -> Iterator[dict[str, Any]]:
    for c in Conflict.objects.filter(reviewer=user).select_related("submission__call"):
        yield {
            "call": c.submission.call.title,
            "submission": c.submission.title,
            "reason": c.reason,
        }


def _reminders(user: User) -> Iterator[dict[str, Any]]:
    for r in (
        ReviewReminder.objects.filter(reviewer=user)
        .select_related("call")
        .order_by("sent_at", "id")
    ):
        yield {"call": r.call.title, "kind": r.kind, "sent_at": r.sent_at}


def _pools(user: User) -> Iterator[dict[str, Any]]:
    for call in Call.objects.filter(reviewers=user).order_by("closes_at"):
        yield {"call": call.title}


def _neutral_file(field_file: FieldFile, fallback: str) -> tuple[str, str]:
    """A file kept with a sent proposal, stored again under a random name (a file stored
    before names were random carries the one the person gave it); returns the old stored
    name, to delete once the erasure commits, and the neutral name to show."""
    old = field_file.name
    extension = old.rsplit(".", 1)[-1].lower() if "." in old else "bin"
    try:
        with field_file.storage.open(old, "rb") as source:
            field_file.save(f"{fallback}.{extension}", ContentFile(source.read()), save=False)
    except FileNotFoundError:  # lost already: the row no longer points to it
        field_file.name = ""
        return old, ""
    return old, f"{fallback}.{extension}"


def _left_behind(submission: Submission, storage: Storage) -> list[str]:
    """Files in the proposal's folder that it no longer points to: versions replaced before
    replaced files were deleted, under the names the person gave them."""
    folder = f"calls/{submission.call_id}/{submission.pk}"
    kept = {submission.attachment.name} | set(
        submission.answers.exclude(file="").values_list("file", flat=True)
    )
    found: list[str] = []

    def walk(path: str) -> None:
        try:
            folders, files = storage.listdir(path)
        except (FileNotFoundError, NotADirectoryError):
            return
        found.extend(f"{path}/{name}" for name in files if f"{path}/{name}" not in kept)
        for name in folders:
            walk(f"{path}/{name}")

    walk(folder)
    return found


def erase(user: User) -> None:
    """Submitted (and withdrawn) proposals stay, under the account's anonymous label, with
    their files stored again under random names and shown as "attachment.pdf"; drafts are
    deleted with their files. Submitted reviews and their scores stay (they count in the
    ranking); unfinished reviews, declared conflicts and places in reviewer pools are
    deleted, as are the reminders sent about reviews. Files go once the erasure commits."""
    storage = Submission._meta.get_field("attachment").storage
    gone: list[str] = []
    for submission in Submission.objects.filter(person__user=user):
        gone += _left_behind(submission, storage)
    drafts = list(Submission.objects.filter(person__user=user, status=SubmissionStatus.DRAFT))
    gone += [d.attachment.name for d in drafts if d.attachment]
    gone += (
        Answer.objects.filter(submission__in=drafts).exclude(file="").values_list("file", flat=True)
    )
    Submission.objects.filter(pk__in=[d.pk for d in drafts]).delete()
    for submission in Submission.objects.filter(person__user=user).exclude(attachment=""):
        old, submission.attachment_name = _neutral_file(submission.attachment, "attachment")
        submission.save(update_fields=["attachment", "attachment_name", "updated_at"])
        gone.append(old)
    for answer in Answer.objects.filter(submission__person__user=user).exclude(file=""):
        old, answer.file_name = _neutral_file(answer.file, "answer")
        answer.save(update_fields=["file", "file_name"])
        gone.append(old)
    delete_after_commit(storage, *gone)
    assignments = list(Assignment.objects.filter(reviewer=user))
    conflicts = list(Conflict.objects.filter(reviewer=user))
    admin_log_forget([*assignments, *conflicts])
    Assignment.objects.filter(reviewer=user, submitted_at__isnull=True).delete()
    Conflict.objects.filter(reviewer=user).delete()
    ReviewReminder.objects.filter(reviewer=user).delete()
    for call in Call.objects.filter(reviewers=user):
        call.reviewers.remove(user)


PERSONAL_DATA = PersonalData(
    app_label="calls",
    title=_("Calls"),
    purpose=_(
        "To receive and review the submissions to calls, and to manage conflicts of interest."
    ),
    retention=_(
        "As long as your account exists; when you erase it, submissions and reviews stay under an "
        "anonymous label so that decisions remain explained."
    ),
    recipients=_(
        "The call's programme team and its assigned reviewers; the decisions are published."
    ),
    models=(
        "calls.Submission",
        "calls.Assignment",
        "calls.Conflict",
        "calls.Call",
        "calls.ReviewReminder",
    ),
    erase=erase,
    datasets=(
        Dataset(
            key="submissions",
            title=_("Submissions to calls"),
            description=_(
                "Your proposals, drafts included. Sent proposals stay with the call if you "
                "erase your account, under an anonymous label."
            ),
            export=_submissions,
            fields=(
                Field("call", _("Call"), _("the call's title")),
                Field("title", _("Title"), _("your proposal's title")),
                Field(
                    "status",
                    _("Status"),
                    _("draft, submitted or withdrawn"),
                    choices=SubmissionStatus,
                ),
                Field(
                    "on_behalf_of",
                    _("On behalf of"),
                    _("the organisation you submitted for, or empty"),
                ),
                Field("summary", _("Summary"), _("summary")),
                Field("diagnostic", _("Diagnostic"), _("diagnostic")),
                Field("impact", _("Targeted impact"), _("targeted impact")),
                Field("partners_sought", _("Partners sought"), _("partners sought")),
                Field(
                    "attachment",
                    _("Attachment"),
                    _("the attached file's name (the file is not copied)"),
                ),
                Field("submitted_at", _("Submitted"), _("when you sent it (ISO 8601, UTC)")),
                Field(
                    "decision",
                    _("Decision"),
                    _("accepted, waitlisted or rejected, once the decisions are published"),
                ),
                Field(
                    "decision_message",
                    _("Message from the team"),
                    _("the programme team's message to you"),
                ),
                Field("decided_at", _("Decided"), _("when it was decided (ISO 8601, UTC)")),
            ),
        ),
        Dataset(
            key="reviews",
            title=_("Reviews"),
            description=_(
                "The proposals you were asked to review, with your scores. Submitted reviews "
                "stay with the call if you erase your account, under an anonymous label."
            ),
            export=_reviews,
            fields=(
                Field("call", _("Call"), _("the call's title")),
                Field("submission", _("Proposal"), _("the reviewed proposal's title")),
                Field(
                    "assigned_at", _("Assigned"), _("when it was assigned to you (ISO 8601, UTC)")
                ),
                Field(
                    "submitted_at", _("Submitted"), _("when you submitted your review, if you did")
                ),
                Field("comment", _("Comment"), _("your comment")),
                Field("scores", _("Scores"), _("your score for each criterion of the rubric")),
            ),
        ),
        Dataset(
            key="conflicts",
            title=_("Declared conflicts of interest"),
            description=_("The proposals you declared a conflict of interest with."),
            export=_conflicts,
            fields=(
                Field("call", _("Call"), _("the call's title")),
                Field("submission", _("Proposal"), _("the proposal's title")),
                Field("reason", _("Reason"), _("the reason you gave")),
            ),
        ),
        Dataset(
            key="review_reminders",
            title=_("Review reminders"),
            description=_("The reminders about your reviews that were e-mailed to you."),
            export=_reminders,
            fields=(
                Field("call", _("Call"), _("the call's title")),
                Field(
                    "kind",
                    _("Kind"),
                    _("soon (before the due date), late-1 to late-3 (after it), or manual-DATE"),
                ),
                Field("sent_at", _("Sent"), _("when it was sent (ISO 8601, UTC)")),
            ),
        ),
        Dataset(
            key="reviewer_pools",
            title=_("Reviewer pools"),
            description=_("The calls whose reviewers you are."),
            export=_pools,
            fields=(Field("call", _("Call"), _("the call's title")),),
        ),
    ),
)

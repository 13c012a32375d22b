"""Use cases of calls: submissions, review, decisions. Each checks the permission with the user
it is given, writes in one transaction, records the audit entry and queues the e-mails."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection, Mapping
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alliage.actors.models import Affiliation, Organisation
from alliage.actors.services import acting_person
from alliage.coalitions.models import Coalition, CoalitionMember, CoalitionStatus, MemberRole
from alliage.coalitions.services import coalition_slug
from alliage.core.dates import format_date
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import User
from alliage.core.services import audit_record, permission_require, task_enqueue_after_commit
from alliage.core.slugs import slug_unique
from alliage.core.text import one_line, one_line_fields
from alliage.core.uploads import (
    delete_after_commit,
    display_name,
    pdf_has_active_content,
    validate_document,
)
from alliage.follows.selectors import followers_of
from alliage.follows.services import follow_add
from alliage.notifications.services import notification_send

from . import tasks
from .assignment import plan_assignments
from .audit import AuditAction
from .models import (
    CHOICE_KINDS,
    INDIVIDUALS,
    Answer,
    Assignment,
    Call,
    CallStatus,
    CallVisibility,
    Conflict,
    Criterion,
    Decision,
    Question,
    QuestionKind,
    ReviewReminder,
    Score,
    Submission,
    SubmissionStatus,
)
from .predicates import assignment_of, conflicted, reviewer_facts_forget
from .questions import check_value as check_answer
from .rubrics import RUBRICS

logger = logging.getLogger(__name__)

TEXT_FIELDS = ("title", "summary", "diagnostic", "impact", "partners_sought")


# Call slugs that would shadow the app's own URLs (``/calls/me/``, ``/calls/reviews/``).
RESERVED_SLUGS = ("me", "reviews", "submissions", "new")


def _notify(submission: Submission, kind: tasks.Notice) -> None:
    task_enqueue_after_commit(tasks.submission_notify, submission_id=submission.pk, kind=kind)


@transaction.atomic
def call_create(*, by: User, template: str = "", **fields: Any) -> Call:
    """The programme team opens a call, optionally starting its rubric from a template.
    Without a slug of its own, the call gets one from its title, made unique (two calls may
    share a title)."""
    call = Call(**one_line_fields(fields, "title"))
    permission_require(by, "calls.manage_call", call, _("Only the programme team can open a call."))
    call.slug = call.slug or slug_unique(
        Call.objects.all(),
        call.title,
        fallback="appel",  # French-first URLs, as the events' "evenement"
        reserved=RESERVED_SLUGS,
        max_length=90,
    )
    _check_dates(call)
    call.full_clean()
    call.save()
    if template:
        criteria_from_template(call=call, template=template)
    audit_record(action=AuditAction.CALL_CREATED, by=by, target=call)
    if call.visibility == CallVisibility.PUBLIC:  # a team draft is nobody else's news
        notification_send(
            kind=CALL_OPENED,
            recipients=followers_of(call.programme),
            url=call.get_absolute_url(),
            context={"programme": str(call.programme), "call": call.title},
            by=by,
        )
    return call


CALL_OPENED = "calls.call_opened"  # a notification kind, declared in hooks.py


class Notice:
    """The notification kinds of calls besides ``CALL_OPENED`` (declared in ``hooks.py``).
    Reviewers and submitters also get the dedicated e-mails of ``tasks.py`` (an assignment,
    a reminder, a decision with its message): these kinds put the same facts in the
    notification centre, and do not e-mail by default."""

    REVIEW_ASSIGNED = "calls.review_assigned"
    REVIEW_DUE = "calls.review_due"
    REVIEW_OVERDUE = "calls.review_overdue"
    DECISIONS_PUBLISHED = "calls.decisions_published"
    DRAFT_CLOSING = "calls.draft_closing"


def criteria_from_template(*, call: Call, template: str) -> list[Criterion]:
    """Copy a shipped rubric into the call, which may then adapt it freely."""
    try:
        _label, items = RUBRICS[template]
    except KeyError as missing:
        raise BusinessError(_("Unknown rubric template.")) from missing
    start = call.criteria.count()
    return Criterion.objects.bulk_create(
        Criterion(call=call, position=start + i, **item) for i, item in enumerate(items)
    )


# --- Building a call (the team's /team/calls/): settings, questions, rubric, reviewers ---

CALL_FIELDS = (
    "programme", "kind", "title", "description", "eligibility", "allowed_kinds", "asks",
    "opens_at", "closes_at", "review_due_at", "decisions_expected_at", "visibility",
    "reviewers_per_submission", "idea_stage", "content_language",
)  # fmt: skip


def _check_dates(call: Call) -> None:
    """Opening, closing, reviews due, decisions expected: in that order, each optional one
    after the one before it."""
    if call.opens_at and call.closes_at and call.closes_at <= call.opens_at:
        raise BusinessError(_("The call must close after it opens."), field="closes_at")
    if call.review_due_at and call.closes_at and call.review_due_at <= call.closes_at:
        raise BusinessError(
            _("Reviews are due after the call closes: pick a later date."), field="review_due_at"
        )
    after = call.review_due_at or call.closes_at
    if call.decisions_expected_at and after and call.decisions_expected_at < after:
        raise BusinessError(
            _("Decisions are expected once the call has closed and its reviews are in."),
            field="decisions_expected_at",
        )


def _check_known(fields: Mapping[str, Any], known: tuple[str, ...]) -> None:
    unknown = sorted(set(fields) - set(known))
    if unknown:
        raise BusinessError(
            _("These settings do not exist: %(names)s.") % {"names": ", ".join(unknown)}
        )


def _check_programme(by: User, call: Call) -> None:
    permission_require(
        by, "calls.manage_call", call, _("Only the programme's team can set up its calls.")
    )


def _setup_lock(by: User, call: Call) -> Call:
    """The team setting up a call: check they run its programme, then lock the call's row so
    two editors of its form or rubric never interleave (call inside the transaction)."""
    _check_programme(by, call)
    return Call.objects.select_for_update().get(pk=call.pk)


def _check_idea_stage(call: Call) -> None:
    """A project stage follows an idea call of the same programme, never itself."""
    stage = call.idea_stage
    if stage is None:
        return
    if stage.pk == call.pk or stage.programme_id != call.programme_id:
        raise BusinessError(
            _("The idea stage must be another call of the same programme."), field="idea_stage"
        )


@transaction.atomic
def call_update(*, call: Call, by: User, **fields: Any) -> Call:
    """The team changes a call's settings and dates (never its programme to one they do not
    run: the permission is checked before and after)."""
    locked = _setup_lock(by, call)
    _check_known(fields, CALL_FIELDS)
    fields = one_line_fields(fields, "title")
    changed = sorted(name for name, value in fields.items() if getattr(locked, name) != value)
    for name, value in fields.items():
        setattr(locked, name, value)
    _check_programme(by, locked)
    _check_dates(locked)
    _check_idea_stage(locked)
    locked.full_clean()
    if changed:
        locked.save()
        audit_record(action=AuditAction.CALL_UPDATED, by=by, target=locked, fields=changed)
    return locked


@transaction.atomic
def call_duplicate(
    *,
    call: Call,
    by: User,
    title: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    review_due_at: dt.datetime | None = None,
    decisions_expected_at: dt.datetime | None = None,
) -> Call:
    """A new call like this one: its questions, rubric, eligibility, reviewers and settings,
    with the new dates; never its proposals. It starts as the team's draft."""
    _check_programme(by, call)
    title = one_line(title)
    copy = Call(
        programme=call.programme,
        kind=call.kind,
        title=title,
        description=call.description,
        eligibility=call.eligibility,
        allowed_kinds=list(call.allowed_kinds),
        asks=list(call.asks),
        opens_at=opens_at,
        closes_at=closes_at,
        review_due_at=review_due_at,
        decisions_expected_at=decisions_expected_at,
        visibility=CallVisibility.TEAM,
        reviewers_per_submission=call.reviewers_per_submission,
    )
    _check_dates(copy)
    copy.slug = slug_unique(
        Call.objects.all(), title, fallback="appel", reserved=RESERVED_SLUGS, max_length=90
    )
    copy.full_clean()
    copy.save()
    Question.objects.bulk_create(
        Question(
            call=copy,
            kind=q.kind,
            label_fr=q.label_fr,
            label_en=q.label_en,
            help_fr=q.help_fr,
            help_en=q.help_en,
            required=q.required,
            choices=list(q.choices),
            position=q.position,
        )
        for q in call.questions.all()
    )
    Criterion.objects.bulk_create(
        Criterion(
            call=copy,
            name=c.name,
            guidance=c.guidance,
            weight=c.weight,
            scale=c.scale,
            position=c.position,
        )
        for c in call.criteria.all()
    )
    copy.reviewers.set(call.reviewers.all())
    audit_record(action=AuditAction.CALL_DUPLICATED, by=by, target=copy, source=call.pk)
    return copy


def _renumber(rows: list[Any]) -> None:
    for i, row in enumerate(rows):
        if row.position != i:
            row.position = i
            row.save(update_fields=["position"])


def _move(rows: list[Any], pk: int, delta: int) -> None:
    """Move the row one place up (-1) or down (+1), then number them all 0, 1, 2…"""
    index = next((i for i, row in enumerate(rows) if row.pk == pk), None)
    if index is None:
        raise BusinessError(_("This item is not part of this call."))
    target = index + delta
    if 0 <= target < len(rows):
        rows[index], rows[target] = rows[target], rows[index]
    _renumber(rows)


QUESTION_FIELDS = ("kind", "label_fr", "label_en", "help_fr", "help_en", "required", "choices")


@transaction.atomic
def question_save(
    *, call: Call, by: User, question: Question | None = None, **fields: Any
) -> Question:
    """Add a question at the end of the call's form, or change one. A choice question needs
    two choices at least; a question already answered keeps its kind."""
    _setup_lock(by, call)
    if question is not None and question.call_id != call.pk:
        raise BusinessError(_("This item is not part of this call."))
    _check_known(fields, QUESTION_FIELDS)
    if question is None:
        question = Question(call=call, position=call.questions.count())
    elif "kind" in fields and fields["kind"] != question.kind and question.answers.exists():
        raise BusinessError(
            _("Proposals have answered this question: its kind can no longer change."),
            field="kind",
        )
    for name, value in fields.items():
        setattr(question, name, value)
    if not question.label_fr.strip():
        raise BusinessError(_("Give the question its French label."), field="label_fr")
    if question.kind in CHOICE_KINDS:
        if len(question.choices) < 2:
            raise BusinessError(_("Give at least two choices, one a line."), field="choices")
    else:
        question.choices = []
    question.full_clean()
    question.save()
    audit_record(action=AuditAction.CALL_FORM_CHANGED, by=by, target=call, question=question.pk)
    return question


@transaction.atomic
def question_move(*, question: Question, by: User, delta: int) -> None:
    call = question.call
    _setup_lock(by, call)
    _move(list(call.questions.all()), question.pk, 1 if delta > 0 else -1)


def _reorder(rows: list[Any], order: list[int]) -> None:
    """Put the rows in the order given (every one of them, once)."""
    by_pk = {row.pk: row for row in rows}
    if sorted(order) != sorted(by_pk):
        raise BusinessError(_("The new order must list every item of the call once."))
    _renumber([by_pk[pk] for pk in order])


@transaction.atomic
def questions_reorder(*, call: Call, by: User, order: list[int]) -> None:
    """Put the call's questions in this order (the builder's drag and drop)."""
    _setup_lock(by, call)
    _reorder(list(call.questions.all()), order)


@transaction.atomic
def criteria_reorder(*, call: Call, by: User, order: list[int]) -> None:
    """Put the call's criteria in this order (the rubric editor's drag and drop)."""
    _setup_lock(by, call)
    _reorder(list(call.criteria.all()), order)


@transaction.atomic
def question_delete(*, question: Question, by: User, confirm: bool = False) -> int:
    """Remove a question. Once proposals have answered it, only with ``confirm``: their
    answers go with it (the number removed is returned and audited)."""
    call = question.call
    _setup_lock(by, call)
    answered = question.answers.count()
    if answered and not confirm:
        raise BusinessError(
            ngettext(
                "%(n)s proposal has answered this question: confirm to remove it with its answer.",
                "%(n)s proposals have answered this question: confirm to remove it with their "
                "answers.",
                answered,
            )
            % {"n": answered}
        )
    label = question.label_fr
    question.delete()
    _renumber(list(call.questions.all()))
    audit_record(
        action=AuditAction.CALL_FORM_CHANGED, by=by, target=call, removed=label, answers=answered
    )
    return answered


CRITERION_FIELDS = ("name", "guidance", "weight", "scale")


@transaction.atomic
def criterion_save(
    *, call: Call, by: User, criterion: Criterion | None = None, **fields: Any
) -> Criterion:
    """Add a criterion at the end of the rubric, or change one; once reviews have scored it,
    its scale no longer changes (the scores would lose their meaning)."""
    _setup_lock(by, call)
    if criterion is not None and criterion.call_id != call.pk:
        raise BusinessError(_("This item is not part of this call."))
    _check_known(fields, CRITERION_FIELDS)
    if criterion is None:
        criterion = Criterion(call=call, position=call.criteria.count())
    elif "scale" in fields and fields["scale"] != criterion.scale and criterion.scores.exists():
        raise BusinessError(
            _("Reviews have scored this criterion: its scale can no longer change."),
            field="scale",
        )
    for name, value in fields.items():
        setattr(criterion, name, value)
    criterion.full_clean()
    criterion.save()
    audit_record(action=AuditAction.CALL_RUBRIC_CHANGED, by=by, target=call, criterion=criterion.pk)
    return criterion


@transaction.atomic
def criterion_move(*, criterion: Criterion, by: User, delta: int) -> None:
    call = criterion.call
    _setup_lock(by, call)
    _move(list(call.criteria.all()), criterion.pk, 1 if delta > 0 else -1)


@transaction.atomic
def criterion_delete(*, criterion: Criterion, by: User) -> None:
    """Remove a criterion nobody has scored yet; a scored one stays (reviews rest on it)."""
    call = criterion.call
    _setup_lock(by, call)
    if criterion.scores.exists():
        raise BusinessError(_("Reviews have scored this criterion: it can no longer be removed."))
    name = criterion.name
    criterion.delete()
    _renumber(list(call.criteria.all()))
    audit_record(action=AuditAction.CALL_RUBRIC_CHANGED, by=by, target=call, removed=name)


@transaction.atomic
def rubric_from_template(*, call: Call, by: User, template: str) -> list[Criterion]:
    """Add a shipped rubric's criteria after the call's own."""
    _setup_lock(by, call)
    created = criteria_from_template(call=call, template=template)
    audit_record(action=AuditAction.CALL_RUBRIC_CHANGED, by=by, target=call, template=template)
    return created


@transaction.atomic
def call_reviewer_add(*, call: Call, by: User, reviewer: User) -> None:
    """Add someone to the call's reviewer pool (the pool's audit is the m2m signal's)."""
    _check_programme(by, call)
    if not reviewer.is_active:
        raise BusinessError(_("This account is closed: it cannot review."))
    call.reviewers.add(reviewer)


@transaction.atomic
def call_reviewer_remove(*, call: Call, by: User, reviewer: User) -> None:
    """Take someone out of the pool; the proposals already assigned to them stay theirs."""
    _check_programme(by, call)
    call.reviewers.remove(reviewer)


def _closed_message(call: Call) -> str:
    when = format_date(timezone.localtime(call.closes_at), "DATETIME_FORMAT")
    if call.status == CallStatus.UPCOMING:
        opens = format_date(timezone.localtime(call.opens_at), "DATETIME_FORMAT")
        return _("This call opens on %(date)s.") % {"date": opens}
    return _("This call closed on %(date)s: submissions can no longer change.") % {"date": when}


def _check_kind(call: Call, organisation: Organisation | None) -> None:
    """A call may be open to some kinds of organisation only."""
    if call.allowed_kinds:
        if organisation is None:
            if INDIVIDUALS in call.allowed_kinds:
                return
            raise BusinessError(
                _("This call is for organisations: choose the one you submit for."),
                field="organisation",
            )
        if organisation.kind not in call.allowed_kinds:
            raise BusinessError(
                _("This call is not open to this kind of organisation (%(kind)s).")
                % {"kind": organisation.get_kind_display()},
                field="organisation",
            )


class FileNotStored(BusinessError):
    """The disk refused a file (full, read-only): the caller may save the text alone."""


def _store(
    field_file: FieldFile, upload: UploadedFile, kind: str, *, field: str, written: list[str]
) -> None:
    """Write the upload under a random name (``models.attachment_path``); a full or
    read-only disk is the person's error on the file's field, never a 500 (R5). The storage
    writes whole files or none (``core.storage``)."""
    try:
        field_file.save(f"file.{kind}", upload, save=False)
    except OSError as error:
        logger.error("an upload could not be stored", exc_info=True)
        raise FileNotStored(
            _("The file could not be stored; your text is kept, please try again."), field=field
        ) from error
    written.append(field_file.name)


@transaction.atomic
def submission_save(
    *,
    call: Call,
    by: User,
    data: Mapping[str, Any],
    organisation: Organisation | None = None,
    attachment: UploadedFile | None = None,
    now: dt.datetime | None = None,
    answers: Mapping[int, Any] | None = None,
    answer_files: Mapping[int, UploadedFile] | None = None,
) -> Submission:
    """Create or update the user's submission to an open call (the draft is saved as they
    type). One live submission per person and call: a second tab edits the same one.
    ``answers`` maps the call's question ids to their values (see ``questions.check_value``;
    None empties an answer), ``answer_files`` the file questions' ids to their uploads.
    A file replaced is deleted once the change commits (F4); a file written by a save that
    fails is deleted at once."""
    permission_require(by, "calls.submit_to_call", call)
    data = one_line_fields(data, "title")
    now = now or timezone.now()
    if call.status_at(now) != CallStatus.OPEN:
        raise BusinessError(_closed_message(call))
    person = acting_person(user=by, organisation=organisation)
    _check_kind(call, organisation)
    submission = (
        Submission.objects.select_for_update()
        .filter(call=call, person=person)
        .exclude(status=SubmissionStatus.WITHDRAWN)
        .first()
    )
    if submission is None:
        try:
            with transaction.atomic():
                submission = Submission.objects.create(
                    call=call,
                    person=person,
                    organisation=organisation,
                    title=data.get("title") or _("Untitled draft"),
                    summary=data.get("summary", ""),
                )
        except IntegrityError:  # another tab created it a moment ago
            submission = Submission.objects.select_for_update().get(
                call=call,
                person=person,
                status__in=(SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED),
            )
    for name in TEXT_FIELDS:
        if name in data:
            setattr(submission, name, data[name])
    if data.get("content_language"):  # absent or empty: the proposal keeps its language
        submission.content_language = data["content_language"]
    submission.organisation = organisation
    written: list[str] = []
    replaced: list[str] = []
    try:
        if attachment is not None:
            kind = validate_document(attachment)
            active = kind == "pdf" and pdf_has_active_content(attachment)
            old = submission.attachment.name
            _store(submission.attachment, attachment, kind, field="attachment", written=written)
            submission.attachment_name = display_name(attachment.name or "")
            submission.attachment_active = active
            replaced.append(old)
        submission.save()
        if answers or answer_files:
            replaced += _answers_save(submission, answers or {}, answer_files or {}, written)
        if submission.status == SubmissionStatus.SUBMITTED:
            _require_complete(submission)  # a sent proposal may improve, not empty itself
    except BaseException:
        for name in written:  # the rows that would point to them are rolled back
            submission.attachment.storage.delete(name)
        raise
    delete_after_commit(submission.attachment.storage, *replaced)
    return submission


def _answers_save(
    submission: Submission,
    answers: Mapping[int, Any],
    files: Mapping[int, UploadedFile],
    written: list[str],
) -> list[str]:
    """Store the answers to the call's questions; a bad one is refused on its field.
    Returns the names of the files that new ones replaced."""
    questions = {q.pk: q for q in submission.call.questions.all()}
    unknown = (set(answers) | set(files)) - set(questions)
    if unknown:
        raise BusinessError(_("These questions do not belong to this call."))
    existing = {a.question_id: a for a in submission.answers.all()}
    for pk, raw in answers.items():
        question = questions[pk]
        if question.kind == QuestionKind.FILE:
            continue  # a file comes as a file; an empty value keeps the one sent before
        try:
            value = check_answer(question, raw)
        except ValueError as bad:
            raise BusinessError(str(bad.args[0]), field=question.field_name) from bad
        answer = existing.get(pk)
        if answer is None:
            if value is not None:
                Answer.objects.create(submission=submission, question=question, value=value)
        elif answer.value != value:
            answer.value = value
            answer.save(update_fields=["value"])
    replaced = []
    for pk, upload in files.items():
        question = questions[pk]
        if question.kind != QuestionKind.FILE:
            raise BusinessError(_("Only a file question takes a file."), field=question.field_name)
        try:
            kind = validate_document(upload)
        except ValidationError as bad:
            raise BusinessError(" ".join(bad.messages), field=question.field_name) from bad
        answer = existing.get(pk) or Answer(submission=submission, question=question)
        replaced.append(answer.file.name)
        answer.file_active = kind == "pdf" and pdf_has_active_content(upload)
        _store(answer.file, upload, kind, field=question.field_name, written=written)
        answer.file_name = display_name(upload.name or "")
        answer.save()
    return replaced


class Incomplete(BusinessError):
    """Sending refused because parts are empty: ``fields`` names each one by its form field
    (``Submission`` field names, ``Question.field_name``, ``Criterion.field_name``) so that
    the form can show the refusal beside each of them; ``message`` names them all."""

    def __init__(self, message: str, *, fields: Collection[str]) -> None:
        super().__init__(message)
        self.fields = tuple(fields)


def _require_complete(submission: Submission) -> None:
    """Title, summary and every part the call asks for must be filled in, and every required
    question answered (``Call.parts_to_send``, which the form marks beforehand)."""
    call = submission.call
    missing = [name for name in call.parts_to_send if not getattr(submission, name)]
    labels = [str(Submission._meta.get_field(name).verbose_name) for name in missing]
    answered = {a.question_id for a in submission.answers.all() if not a.is_empty}
    for question in call.questions.all():
        if question.required and question.pk not in answered:
            missing.append(question.field_name)
            labels.append(question.label)
    if missing:
        raise Incomplete(
            _("Before sending, fill in: %(fields)s.") % {"fields": ", ".join(labels)},
            fields=missing,
        )


@transaction.atomic
def submission_submit(
    *, submission: Submission, by: User, now: dt.datetime | None = None
) -> Submission:
    """Send the submission. Accepted only while the call is open, checked here at the moment
    of submitting; submitting again is harmless."""
    permission_require(by, "calls.edit_submission", submission)
    locked = Submission.objects.select_for_update().select_related("call").get(pk=submission.pk)
    call = locked.call
    now = now or timezone.now()
    if call.status_at(now) != CallStatus.OPEN:
        raise BusinessError(_closed_message(call))
    if locked.status == SubmissionStatus.SUBMITTED:
        return locked
    if locked.status == SubmissionStatus.WITHDRAWN:
        raise BusinessError(_("This submission was withdrawn."))
    _require_complete(locked)
    _check_kind(call, locked.organisation)
    locked.status = SubmissionStatus.SUBMITTED
    locked.submitted_at = now
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(action=AuditAction.SUBMISSION_SUBMITTED, by=by, target=locked)
    _notify(locked, tasks.Notice.SUBMITTED)
    follow_add(user=by, obj=call, check=False)  # its news and decisions reach the submitter
    return locked


@transaction.atomic
def submission_withdraw(*, submission: Submission, by: User) -> Submission:
    """The submitter withdraws their submission while the call is open; they may then start
    a new one."""
    permission_require(by, "calls.edit_submission", submission)
    locked = Submission.objects.select_for_update().select_related("call").get(pk=submission.pk)
    if locked.call.status != CallStatus.OPEN:
        raise BusinessError(_closed_message(locked.call))
    locked.status = SubmissionStatus.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    return locked


@transaction.atomic
def conflict_declare(*, submission: Submission, by: User, reason: str = "") -> Conflict:
    """An assigned reviewer records a conflict of interest and steps aside: their assignment,
    and any review they had submitted, no longer count."""
    if assignment_of(by, submission) is None and not by.has_perm("calls.manage_call", submission):
        raise PermissionRefused(_("Only the reviewers of a submission declare conflicts on it."))
    if "\x00" in reason:  # the one text of a review page no form checks (PostgreSQL refuses it)
        raise BusinessError(_("Null characters are not allowed."), field="reason")
    conflict, _created = Conflict.objects.get_or_create(
        reviewer=by, submission=submission, defaults={"reason": reason}
    )
    Assignment.objects.filter(reviewer=by, submission=submission).delete()
    reviewer_facts_forget(by, submission)  # what the predicates read has changed
    audit_record(action=AuditAction.REVIEW_CONFLICT_DECLARED, by=by, target=submission)
    return conflict


@transaction.atomic
def assignment_create(*, submission: Submission, reviewer: User, by: User) -> Assignment:
    """The team assigns a reviewer by hand; never one with a conflict of interest."""
    permission_require(by, "calls.manage_call", submission)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise BusinessError(_("Only submitted proposals are reviewed."))
    if conflicted(reviewer, submission):
        raise BusinessError(
            _("%(reviewer)s has a conflict of interest with this submission.")
            % {"reviewer": reviewer}
        )
    assignment, created = Assignment.objects.get_or_create(submission=submission, reviewer=reviewer)
    if created:
        _notify_reviewers(submission.call_id, {reviewer.pk: 1})
    return assignment


def _notify_reviewers(call_id: int, counts: Mapping[int, int]) -> None:
    """One e-mail per reviewer for what one assignment run gave them, once it is committed
    (never for a rolled-back run), in the reviewer's language (the task reads it)."""
    if not counts:
        return
    call = Call.objects.get(pk=call_id)
    reviewers = User.objects.in_bulk(list(counts))
    for reviewer_id, count in sorted(counts.items()):
        task_enqueue_after_commit(
            tasks.reviewer_assigned_notify, call_id=call_id, reviewer_id=reviewer_id, count=count
        )
        notification_send(
            kind=Notice.REVIEW_ASSIGNED,
            recipients=[reviewers[reviewer_id]],
            url=reverse("calls:reviewer-queue"),
            context={"call": call.title, "count": count},
        )


def conflict_pairs(call: Call, reviewer_ids: list[int]) -> set[tuple[int, int]]:
    """Every (reviewer, submission) pair of the call that must never be assigned."""
    pairs = set(
        Conflict.objects.filter(submission__call=call, reviewer_id__in=reviewer_ids).values_list(
            "reviewer_id", "submission_id"
        )
    )
    pairs |= {
        (s.person.user_id, s.pk)
        for s in call.submissions.select_related("person").filter(person__user_id__in=reviewer_ids)
    }
    affiliated = Affiliation.objects.filter(person__user_id__in=reviewer_ids).values_list(
        "person__user_id", "organisation_id"
    )
    by_org: dict[int, list[int]] = {}
    for user_id, organisation_id in affiliated:
        by_org.setdefault(organisation_id, []).append(user_id)
    for submission_id, organisation_id in call.submissions.filter(
        organisation__isnull=False
    ).values_list("pk", "organisation_id"):
        pairs |= {(user_id, submission_id) for user_id in by_org.get(organisation_id, [])}
    return pairs


@transaction.atomic
def assignments_auto(*, call: Call, by: User, expertise: bool = True) -> tuple[int, list[int]]:
    """Give every submitted submission its reviewers: balanced load, never a conflict, and
    among the balanced assignments the one whose reviewers' profiles best match the proposals
    (``expertise``). Each reviewer gets one e-mail for what this run gave them.
    Returns the number of new assignments and the submissions left short of reviewers."""
    permission_require(by, "calls.manage_call", call)
    Call.objects.select_for_update().get(pk=call.pk)
    reviewer_ids = sorted(call.reviewers.values_list("pk", flat=True))
    submission_ids = sorted(
        call.submissions.filter(status=SubmissionStatus.SUBMITTED).values_list("pk", flat=True)
    )
    existing = set(
        Assignment.objects.filter(
            submission__call=call, submission__status=SubmissionStatus.SUBMITTED
        ).values_list("reviewer_id", "submission_id")
    )
    conflicts = conflict_pairs(call, reviewer_ids)
    plan = plan_assignments(
        submissions=submission_ids,
        reviewers=reviewer_ids,
        per_submission=call.reviewers_per_submission,
        conflicts=conflicts,
        existing=existing,
        affinity=(
            _expertise_or_none(submission_ids, reviewer_ids, exclude=conflicts | existing)
            if expertise
            else None
        ),
    )
    Assignment.objects.bulk_create(
        Assignment(reviewer_id=r, submission_id=s) for r, s in plan.pairs
    )
    counts: dict[int, int] = {}
    for reviewer_id, _submission_id in plan.pairs:
        counts[reviewer_id] = counts.get(reviewer_id, 0) + 1
    _notify_reviewers(call.pk, counts)
    audit_record(
        action=AuditAction.CALL_REVIEWERS_ASSIGNED, by=by, target=call, count=len(plan.pairs)
    )
    return len(plan.pairs), list(plan.short)


def _expertise_or_none(
    submission_ids: list[int], reviewer_ids: list[int], exclude: Collection[tuple[int, int]]
) -> dict[tuple[int, int], float] | None:
    """Expertise only breaks ties: an unreadable matching index must not stop the team from
    assigning reviewers, who then get the balanced assignment without it."""
    try:
        return expertise_affinity(submission_ids, reviewer_ids, exclude=exclude)
    except (OSError, ValueError):
        logger.exception("Matching index unavailable: reviewers assigned without expertise")
        return None


def expertise_affinity(
    submission_ids: list[int],
    reviewer_ids: list[int],
    exclude: Collection[tuple[int, int]] = (),
) -> dict[tuple[int, int], float]:
    """How well each reviewer's profile (their person's bio, intentions, capabilities and
    tags, as the matching index reads a person) matches each proposal, by
    ``(reviewer_id, submission_id)``: the matching engine's score of the proposal's indexed row
    for the profile as the query (about the share of the profile found in the proposal).
    Reviewers need not be in the index themselves (the team's reviewers often do not consent
    to be *suggested*; their profile only serves the assignment the team asks for). Reviewers
    without a person or a profile score nothing; ``exclude`` pairs are skipped. One scoring per
    reviewer over the call's proposals only: the cost does not grow with the corpus."""
    from alliage.actors.models import Person
    from alliage.matching import documents, store

    if not submission_ids or not reviewer_ids:
        return {}
    keys = {f"submission:{pk}": pk for pk in submission_ids}
    index = store.index_get()
    missing = [key for key in keys if key not in index]
    if missing:  # sent a moment ago: the background update has not run yet
        index = store.index_update(missing)
    index.refresh()
    indexed = sorted((index.rows[key], pk) for key, pk in keys.items() if key in index.rows)
    if not indexed:
        return {}
    rows = np.array([row for row, _pk in indexed], dtype=np.int64)
    excluded = set(exclude)
    affinity: dict[tuple[int, int], float] = {}
    people = documents.people(Person.objects.filter(user_id__in=reviewer_ids)).order_by("pk")
    for person in people:
        profile = documents.person_document(person)
        query = index.query(profile.text, tags=profile.tags)
        if not query.bag.weights:
            continue
        scores = index.scorer.score(query, rows)
        for (_row, submission_id), score in zip(indexed, scores.tolist(), strict=True):
            if score > 0 and (person.user_id, submission_id) not in excluded:
                affinity[(person.user_id, submission_id)] = round(float(score), 6)
    return affinity


@transaction.atomic
def review_save(
    *,
    assignment: Assignment,
    by: User,
    scores: Mapping[int, int | None],
    comment: str,
    submit: bool,
) -> Assignment:
    """Save a review; submitting it needs a score for every criterion and locks it."""
    submission = assignment.submission
    if assignment.reviewer_id != by.pk:
        raise PermissionRefused(_("This review is someone else's."))
    permission_require(by, "calls.review_submission", submission)
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.submitted_at is not None:
        raise BusinessError(_("This review has been submitted and can no longer change."))
    criteria = {c.pk: c for c in submission.call.criteria.all()}
    unknown = set(scores) - set(criteria)
    if unknown:
        raise BusinessError(_("These criteria do not belong to this call."))
    for pk, value in scores.items():
        if value is not None and not 0 <= value <= criteria[pk].scale:
            raise BusinessError(
                _("“%(name)s” is scored from 0 to %(scale)s.")
                % {"name": criteria[pk].name, "scale": criteria[pk].scale},
                field=criteria[pk].field_name,
            )
    unscored = [c.field_name for pk, c in criteria.items() if scores.get(pk) is None]
    if submit and unscored:
        raise Incomplete(_("Score every criterion before submitting your review."), fields=unscored)
    Score.objects.filter(assignment=locked).delete()
    Score.objects.bulk_create(
        Score(assignment=locked, criterion_id=pk, value=value)
        for pk, value in scores.items()
        if value is not None
    )
    locked.comment = comment
    if submit:
        locked.submitted_at = timezone.now()
    locked.save()
    if submit:
        audit_record(action=AuditAction.REVIEW_SUBMITTED, by=by, target=submission)
    return locked


@transaction.atomic
def decision_record(
    *, submission: Submission, by: User, decision: str, message: str = ""
) -> Submission:
    """Accept, waitlist or reject, until the call's decisions are published. Nothing of it
    reaches the submitter before then: no e-mail, and no coalition yet (an accepted proposal
    becomes one when the decisions are published, ``call_publish_decisions``), so a decision
    changed before publication leaves nothing behind."""
    permission_require(by, "calls.decide_submission", submission)
    locked = (
        Submission.objects.select_for_update()
        .select_related("call", "person")
        .get(pk=submission.pk)
    )
    if locked.status != SubmissionStatus.SUBMITTED:
        raise BusinessError(_("Only submitted proposals can be decided."))
    if locked.call.decided_at is not None:
        raise BusinessError(_("The decisions of this call are published: they no longer change."))
    if not locked.call.is_deciding_at(timezone.now()):
        raise BusinessError(_("Decisions are made once the call has closed."))
    if decision not in Decision.values:
        raise BusinessError(_("Unknown decision."), field="decision")
    locked.decision = decision
    locked.decision_message = message
    locked.decided_at = timezone.now()
    locked.save()
    audit_record(action=AuditAction.SUBMISSION_DECIDED, by=by, target=locked, decision=decision)
    return locked


@transaction.atomic
def accepted_coalitions_create(*, call: Call) -> int:
    """Each accepted proposal of the call becomes its coalition, once: public, forming, its
    canvas prefilled from the proposal, the submitter as lead, linked back to the proposal.
    Run when the decisions are published, never before (F2: a coalition born at the decision
    told its lead the outcome, and its lead could publish it). Returns how many were made."""
    accepted = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("call__programme", "person", "organisation")
        .filter(call=call, status=SubmissionStatus.SUBMITTED, decision=Decision.ACCEPTED)
        .order_by("pk")
    )
    made = 0
    for submission in accepted:
        if submission.coalition_id is not None:
            Coalition.objects.filter(pk=submission.coalition_id).update(is_published=True)
            continue
        coalition = Coalition.objects.create(
            programme=call.programme,
            slug=coalition_slug(submission.title),
            title=submission.title,
            summary=submission.summary[:400],
            status=CoalitionStatus.FORMING,
            is_published=True,
            diagnostic=submission.diagnostic,
            impact_statement=submission.impact,
            seeking=submission.partners_sought,
        )
        CoalitionMember.objects.create(
            coalition=coalition,
            person=submission.person,
            organisation=submission.organisation,
            role=MemberRole.LEAD,
        )
        submission.coalition = coalition
        submission.save(update_fields=["coalition", "updated_at"])
        made += 1
    return made


@transaction.atomic
def call_publish_decisions(*, call: Call, by: User) -> Call:
    """Publish the call's decisions: the call is decided, every submitter hears the outcome,
    and the accepted projects become public coalitions."""
    permission_require(by, "calls.manage_call", call)
    locked = Call.objects.select_for_update().select_related("programme").get(pk=call.pk)
    if locked.decided_at is None and not locked.is_deciding_at(timezone.now()):
        raise BusinessError(_("Decisions can be published once the call has closed."))
    undecided = locked.submissions.filter(status=SubmissionStatus.SUBMITTED, decision="").count()
    if undecided:
        raise BusinessError(
            ngettext(
                "%(n)s submission still waits for a decision.",
                "%(n)s submissions still wait for a decision.",
                undecided,
            )
            % {"n": undecided}
        )
    if locked.decided_at is None:
        locked.decided_at = timezone.now()
        locked.save(update_fields=["decided_at", "updated_at"])
        accepted_coalitions_create(call=locked)
        for submission in locked.submissions.filter(
            status=SubmissionStatus.SUBMITTED
        ).select_related("person__user"):
            _notify(submission, tasks.Notice.DECIDED)
            notification_send(
                kind=Notice.DECISIONS_PUBLISHED,
                recipients=[submission.person.user],
                url=submission.get_absolute_url(),
                context={"call": locked.title},
                by=by,
            )
    audit_record(action=AuditAction.CALL_DECISIONS_PUBLISHED, by=by, target=locked)
    return locked


# Reviewers hear before the due date, then after it every few days, a bounded number of times.
REMIND_BEFORE = dt.timedelta(days=3)
REMIND_LATE_EVERY = dt.timedelta(days=3)
REMIND_LATE_TIMES = 3


def reminder_stage(due: dt.datetime, now: dt.datetime) -> str | None:
    """The reminder a reviewer with reviews left should have had by ``now``: ``soon`` in the
    three days before the due date, then ``late-1`` from the due date, ``late-2`` three days
    later, ``late-3`` three days after that; None before, and once the last is past its turn
    (the team can still remind by hand)."""
    if now < due - REMIND_BEFORE:
        return None
    if now < due:
        return "soon"
    stage = int((now - due) / REMIND_LATE_EVERY) + 1
    return f"late-{stage}" if stage <= REMIND_LATE_TIMES else None


def _claim_reminder(call_id: int, reviewer_id: int, kind: str) -> bool:
    """Record the reminder before sending it: the unique row is the claim, so two runs (or two
    clicks) never send it twice. True when this caller won the claim."""
    try:
        with transaction.atomic():
            ReviewReminder.objects.create(call_id=call_id, reviewer_id=reviewer_id, kind=kind)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def review_reminders_enqueue(*, now: dt.datetime | None = None) -> int:
    """Queue the reminders due at ``now`` to the reviewers who still have reviews to write
    (``alliage send_reminders`` runs this hourly). Each reviewer gets at most the current stage
    of a call's reminders (a stage missed while the command did not run is skipped, never sent
    late in a burst), each once. Returns how many were queued."""
    now = now or timezone.now()
    window_start = now - REMIND_LATE_EVERY * REMIND_LATE_TIMES
    pending = (
        Assignment.objects.filter(
            submitted_at__isnull=True,
            submission__status=SubmissionStatus.SUBMITTED,
            submission__call__decided_at__isnull=True,
            submission__call__review_due_at__isnull=False,
            submission__call__review_due_at__gt=window_start,
            submission__call__review_due_at__lte=now + REMIND_BEFORE,
        )
        .values_list("submission__call_id", "submission__call__review_due_at", "reviewer_id")
        .distinct()
        .order_by("submission__call_id", "reviewer_id")
    )
    queued = 0
    for call_id, due, reviewer_id in pending:
        kind = reminder_stage(due, now)
        if kind is None or not _claim_reminder(call_id, reviewer_id, kind):
            continue
        task_enqueue_after_commit(
            tasks.review_reminder_send, call_id=call_id, reviewer_id=reviewer_id, kind=kind
        )
        notification_send(
            kind=Notice.REVIEW_DUE if kind == "soon" else Notice.REVIEW_OVERDUE,
            recipients=User.objects.filter(pk=reviewer_id),
            url=reverse("calls:reviewer-queue"),
            context={"call": Call.objects.values_list("title", flat=True).get(pk=call_id)},
            once=f"{call_id}:{kind}",
        )
        queued += 1
    return queued


DRAFT_CLOSING_WITHIN = dt.timedelta(days=3)


def draft_reminders_send(now: dt.datetime) -> int:
    """Tell each person whose draft to an open call is still unsent when the call closes in
    three days or less: once per draft."""
    drafts = Submission.objects.filter(
        status=SubmissionStatus.DRAFT,
        call__opens_at__lte=now,
        call__closes_at__gt=now,
        call__closes_at__lte=now + DRAFT_CLOSING_WITHIN,
    ).select_related("call", "person__user")
    made = 0
    for draft in drafts:
        made += len(
            notification_send(
                kind=Notice.DRAFT_CLOSING,
                recipients=[draft.person.user],
                url=reverse("calls:submission-edit", kwargs={"slug": draft.call.slug}),
                context={
                    "call": draft.call.title,
                    "date": timezone.localtime(draft.call.closes_at).strftime("%Y-%m-%d %H:%M"),
                },
                once=f"draft:{draft.pk}",
            )
        )
    return made


@transaction.atomic
def reviewer_remind_now(*, call: Call, reviewer: User, by: User) -> bool:
    """The team reminds a late reviewer by hand: at most once a day per reviewer and call,
    audited. False (nothing sent) when already reminded today; refused when the reviewer has
    nothing left to review on the call."""
    permission_require(by, "calls.manage_call", call)
    left = Assignment.objects.filter(
        reviewer=reviewer,
        submission__call=call,
        submission__status=SubmissionStatus.SUBMITTED,
        submitted_at__isnull=True,
    ).exists()
    if not left:
        raise BusinessError(_("This reviewer has no review left to write on this call."))
    if call.decided_at is not None:
        raise BusinessError(_("The decisions of this call are published: reviews are over."))
    today = timezone.localdate()
    if not _claim_reminder(call.pk, reviewer.pk, f"manual-{today.isoformat()}"):
        return False
    task_enqueue_after_commit(
        tasks.review_reminder_send, call_id=call.pk, reviewer_id=reviewer.pk, kind="manual"
    )
    audit_record(action=AuditAction.REVIEW_REMINDED, by=by, target=call, reviewer=reviewer.pk)
    return True


INVITED_FIELDS = ("title", "summary", "diagnostic", "impact", "partners_sought")


@transaction.atomic
def call_invite_retained(*, call: Call, project: Call, by: User) -> int:
    """The team invites the idea call's retained proposals (accepted, once the decisions are
    published) to the project stage: each gets a draft there for the same person and
    organisation, with its text carried over, and its author an e-mail with the link to
    continue it. A proposal is invited once; running it again invites only the new ones.
    Returns how many were invited."""
    permission_require(
        by, "calls.manage_call", call, _("Only the programme's team can invite its proposals.")
    )
    permission_require(
        by, "calls.manage_call", project, _("Only the programme's team can invite its proposals.")
    )
    locked = Call.objects.select_for_update().get(pk=project.pk)
    if locked.idea_stage_id != call.pk:
        raise BusinessError(_("This call is not a project stage of this idea call."))
    if call.decided_at is None:
        raise BusinessError(_("Proposals are invited once the decisions are published."))
    if locked.status in (CallStatus.CLOSED, CallStatus.DECIDED):
        raise BusinessError(_("The project stage has closed: nobody can be invited to it."))
    live = set(
        Submission.objects.filter(call=locked)
        .exclude(status=SubmissionStatus.WITHDRAWN)
        .values_list("person_id", flat=True)
    )
    invited = set(
        Submission.objects.filter(call=locked, invited_from__isnull=False).values_list(
            "invited_from_id", flat=True
        )
    )
    retained = call.submissions.filter(
        status=SubmissionStatus.SUBMITTED, decision=Decision.ACCEPTED
    ).order_by("pk")
    count = 0
    for origin in retained:
        if origin.pk in invited or origin.person_id in live:
            continue  # invited before, or already answering the project stage
        draft = Submission.objects.create(
            call=locked,
            person_id=origin.person_id,
            organisation_id=origin.organisation_id,
            invited_from=origin,
            **{name: getattr(origin, name) for name in INVITED_FIELDS},
        )
        live.add(origin.person_id)
        task_enqueue_after_commit(tasks.invitation_notify, submission_id=draft.pk)
        count += 1
    audit_record(
        action=AuditAction.CALL_PROPOSALS_INVITED,
        by=by,
        target=call,
        project=locked.pk,
        count=count,
    )
    return count

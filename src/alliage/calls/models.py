from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Organisation, Person
from alliage.coalitions.models import Coalition, Programme
from alliage.core.models import TimeStampedModel, content_language_field
from alliage.core.uploads import stored_name


class CallKind(models.TextChoices):
    IDEAS = "ideas", _("Call for ideas")
    PROJECTS = "projects", _("Call for projects")
    APPLICATIONS = "applications", _("Call for applications")


class CallVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    TEAM = "team", _("Programme team only (draft)")


class CallStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed, under review")
    DECIDED = "decided", _("Decided")


# The optional parts of a submission a call may ask for.
ASKABLE_FIELDS = ("diagnostic", "impact", "partners_sought", "attachment")


class Call(TimeStampedModel):
    content_language = content_language_field()
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CallKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    eligibility = models.TextField(_("eligibility"), blank=True)
    allowed_kinds = models.JSONField(
        _("organisation kinds allowed"),
        default=list,
        blank=True,
        help_text=_("Empty: every kind, and people in their own name."),
    )
    asks = models.JSONField(
        _("what submissions must contain"),
        default=list,
        blank=True,
        help_text=_("Among: diagnostic, impact, partners_sought, attachment."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    review_due_at = models.DateTimeField(_("reviews due"), null=True, blank=True)
    decisions_expected_at = models.DateTimeField(_("decisions expected"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=CallVisibility.choices,
        default=CallVisibility.PUBLIC,
    )
    reviewers_per_submission = models.PositiveSmallIntegerField(
        _("reviewers per submission"), default=2, validators=[MinValueValidator(1)]
    )
    decided_at = models.DateTimeField(
        _("decisions published"), null=True, blank=True, editable=False
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewers"), blank=True, related_name="+"
    )
    idea_stage = models.ForeignKey(
        "self",
        verbose_name=_("idea stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_stages",
        help_text=_("The call for ideas whose retained proposals are invited to this one."),
    )

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ("-closes_at",)
        constraints = (
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="calls_closes_after_opening"
            ),
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calls:call-detail", kwargs={"slug": self.slug})

    def status_at(self, now: dt.datetime) -> str:
        """Derived, never stored: from the opening and closing times and the decisions."""
        if self.decided_at is not None:
            return CallStatus.DECIDED
        if now < self.opens_at:
            return CallStatus.UPCOMING
        if now < self.closes_at:
            return CallStatus.OPEN
        return CallStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return str(dict(CallStatus.choices)[self.status])

    @property
    def is_open(self) -> bool:
        return self.status == CallStatus.OPEN

    def is_deciding_at(self, now: dt.datetime) -> bool:
        """Decisions are recorded, changed and published once the call has closed, until they
        are published: the one test of the decision pages, the ranking's buttons and the
        services that record and publish them."""
        return self.status_at(now) == CallStatus.CLOSED

    @property
    def is_deciding(self) -> bool:
        return self.is_deciding_at(timezone.now())

    @property
    def parts_to_send(self) -> tuple[str, ...]:
        """The submission fields a proposal needs to be sent (a draft may leave them empty):
        a title, a summary, and the parts the call asks for, in the form's order."""
        return ("title", "summary", *(name for name in ASKABLE_FIELDS if name in self.asks))


class Criterion(models.Model):
    """One line of the rubric: reviewers score it from 0 to ``scale``; ``weight`` is relative."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("name"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    scale = models.PositiveSmallIntegerField(
        _("scale"), default=5, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return self.name

    @property
    def field_name(self) -> str:
        """Its score's field in the review form (and in a refusal naming it)."""
        return f"c{self.pk}"


# In ``Call.allowed_kinds``, beside organisation kinds: people may answer in their own name.
INDIVIDUALS = "individual"


class QuestionKind(models.TextChoices):
    SHORT = "short", _("Short text")
    LONG = "long", _("Long text")
    CHOICE = "choice", _("One choice")
    CHOICES = "choices", _("Several choices")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    FILE = "file", _("File")


CHOICE_KINDS = (QuestionKind.CHOICE, QuestionKind.CHOICES)


class Question(models.Model):
    """A question of the call's own, beside the parts every proposal has; its label and help
    are shown in the reader's language, in French when there is no English."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    label_fr = models.CharField(_("label (French)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    help_fr = models.CharField(_("help text (French)"), max_length=500, blank=True)
    help_en = models.CharField(_("help text (English)"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if get_language() == "en" and self.label_en:
            return self.label_en
        return self.label_fr

    @property
    def help(self) -> str:
        if get_language() == "en" and self.help_en:
            return self.help_en
        return self.help_fr

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("decision", "Accepted")
    WAITLISTED = "waitlisted", _("Waiting list")
    REJECTED = "rejected", _("Not selected")


def attachment_path(instance: Submission, filename: str) -> str:
    """Stored under a random name: people name files after themselves, and the file may
    outlive their account; the name they gave is ``attachment_name``."""
    return f"calls/{instance.call_id}/{instance.pk or 'new'}/{stored_name(filename)}"


class Submission(TimeStampedModel):
    content_language = content_language_field()
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="submissions"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=2000)
    diagnostic = models.TextField(_("diagnostic"), blank=True)
    impact = models.TextField(_("targeted impact"), blank=True)
    partners_sought = models.TextField(_("partners sought"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to=attachment_path, blank=True)
    attachment_name = models.CharField(
        _("attachment's name"), max_length=150, blank=True, help_text=_("as it was sent")
    )
    attachment_active = models.BooleanField(
        _("attachment with active content"),
        default=False,
        help_text=_("A PDF with scripts, actions or embedded files."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_message = models.TextField(_("message to the submitter"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    coalition = models.OneToOneField(
        Coalition,
        verbose_name=_("coalition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission",
    )
    invited_from = models.ForeignKey(
        "self",
        verbose_name=_("invited from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ("-submitted_at", "-id")
        # The proposals sent to a call, counted (the list of calls) and ranked from the index.
        indexes = (models.Index(fields=("call", "status"), name="calls_sub_call_status_idx"),)
        constraints = (
            models.UniqueConstraint(
                fields=("call", "invited_from"),
                condition=Q(invited_from__isnull=False),
                name="calls_invited_once",
            ),
            models.UniqueConstraint(
                fields=("call", "person"),
                condition=~Q(status=SubmissionStatus.WITHDRAWN),
                name="calls_one_live_submission_per_person",
            ),
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calls:submission-detail", kwargs={"pk": self.pk})

    @property
    def attachment_filename(self) -> str:
        """The attachment's name as it was sent (its stored name says nothing)."""
        if not self.attachment:
            return ""
        return self.attachment_name or self.attachment.name.rsplit("/", 1)[-1]


class Conflict(models.Model):
    """A reviewer's declared conflict of interest with a submission."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="conflicts"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = (
            models.UniqueConstraint(fields=("reviewer", "submission"), name="calls_conflict_once"),
        )

    def __str__(self) -> str:
        return f"{self.reviewer} / {self.submission}"


class Assignment(models.Model):
    """A reviewer asked to review a submission; the review itself (comment, scores, when it
    was submitted) lives on the same row."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("review submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        ordering = ("created_at", "id")
        constraints = (
            models.UniqueConstraint(fields=("submission", "reviewer"), name="calls_assign_once"),
        )

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.submission}"

    @property
    def is_done(self) -> bool:
        return self.submitted_at is not None


class Score(models.Model):
    assignment = models.ForeignKey(
        Assignment, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = (
            models.UniqueConstraint(fields=("assignment", "criterion"), name="calls_score_once"),
        )

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


def answer_path(instance: Answer, filename: str) -> str:
    """A random name, as ``attachment_path``; the name given is ``file_name``."""
    submission = instance.submission
    return (
        f"calls/{submission.call_id}/{submission.pk}/q{instance.question_id}/"
        f"{stored_name(filename)}"
    )


class Answer(models.Model):
    """A proposal's answer to one of the call's questions: ``value`` holds text, a number, an
    ISO date or a list of choices; ``file`` the file of a file question."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    value = models.JSONField(_("answer"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=answer_path, blank=True, max_length=300)
    file_name = models.CharField(
        _("file's name"), max_length=150, blank=True, help_text=_("as it was sent")
    )
    file_active = models.BooleanField(
        _("file with active content"),
        default=False,
        help_text=_("A PDF with scripts, actions or embedded files."),
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = (
            models.UniqueConstraint(fields=("submission", "question"), name="calls_answer_once"),
        )

    def __str__(self) -> str:
        return f"{self.question}: {self.display}"

    @property
    def is_empty(self) -> bool:
        return not self.file and self.value in (None, "", [])

    @property
    def as_date(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.value) if isinstance(self.value, str) else None
        except ValueError:
            return None

    @property
    def display(self) -> str:
        """The answer as text, for pages and exports."""
        if self.question.kind == QuestionKind.FILE:
            return (self.file_name or self.file.name.rsplit("/", 1)[-1]) if self.file else ""
        if isinstance(self.value, list):
            return ", ".join(str(v) for v in self.value)
        if self.value is None:
            return ""
        return str(self.value)


class ReviewReminder(models.Model):
    """A reminder sent to a reviewer about a call's reviews, claimed before it is sent: the
    unique ``(call, reviewer, kind)`` row makes each reminder go out once, however many runs of
    ``alliage send_reminders`` overlap. ``kind`` is ``soon`` (before the due date), ``late-N``
    (the N-th after it) or ``manual-YYYY-MM-DD`` (the team's "remind now", once a day)."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="review_reminders"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=30)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        ordering = ("-sent_at", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=("call", "reviewer", "kind"), name="calls_review_reminder_once"
            ),
        )

    def __str__(self) -> str:
        return f"{self.reviewer} / {self.call} / {self.kind}"

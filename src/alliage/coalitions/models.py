from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Organisation, OrganisationKind, Person
from alliage.core.models import TimeStampedModel, content_language_field

# The longest canvas texts, in characters. A long text (the diagnostic, the levers, the
# evaluation, the members' notes) holds about 3,000 words, some six printed pages, where the
# demo's run to about 1,000 characters; a short one (a SWOT quadrant, the targeted impact, what
# the coalition looks for) is a paragraph or a list. The forms (with ``maxlength`` in the page),
# the API's schema and the services use these numbers, and the history's diff stays bounded
# whatever the texts hold (``coalitions.diff``).
CANVAS_LONG_TEXT_MAX = 20_000
CANVAS_SHORT_TEXT_MAX = 10_000


def canvas_text(verbose_name: str, max_length: int) -> models.TextField:
    """A canvas text, refused past ``max_length`` characters by forms and ``full_clean``
    (and with a NUL character, which PostgreSQL cannot store)."""
    return models.TextField(
        verbose_name,
        blank=True,
        max_length=max_length,
        validators=[MaxLengthValidator(max_length), ProhibitNullCharactersValidator()],
    )


class ProgrammeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective programme")
    PROJECT = "project", _("Transformative project")
    EXPEDITION = "expedition", _("Expedition")


class Programme(TimeStampedModel):
    content_language = content_language_field()
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    archived_at = models.DateTimeField(
        _("archived"),
        null=True,
        blank=True,
        help_text=_(
            "An archived programme leaves the public lists and the home page; its page stays."
        ),
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("programme team"),
        blank=True,
        related_name="team_programmes",
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ("position", "name")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coalitions:programme-detail", kwargs={"slug": self.slug})

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class CoalitionStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    FORMING = "forming", _("Forming")
    ACTIVE = "active", _("Active")
    EVALUATING = "evaluating", _("Evaluating")
    CLOSED = "closed", _("Closed")


def coalition_published_q(prefix: str = "") -> Q:
    """A published coalition is public (its page, open data, suggestions). ``prefix``
    reaches it through a relation (``"coalition__"``, ``"coalitions__"``)."""
    return Q(**{f"{prefix}is_published": True})


# One bit per organisation kind in ``Coalition.kinds_present``. Fixed numbers, not the order of
# the choices: a new kind takes a new bit (a test fails for a kind without one).
KIND_BITS: dict[str, int] = {
    OrganisationKind.PUBLIC_BODY: 1,
    OrganisationKind.LOCAL_AUTHORITY: 2,
    OrganisationKind.LARGE_COMPANY: 4,
    OrganisationKind.SME: 8,
    OrganisationKind.ASSOCIATION: 16,
    OrganisationKind.RESEARCH: 32,
    OrganisationKind.MEDIA: 64,
    OrganisationKind.OTHER: 128,
}


class CoalitionQuerySet(models.QuerySet["Coalition"]):
    def published(self) -> CoalitionQuerySet:
        """Coalitions everyone may see."""
        return self.filter(coalition_published_q())


class Coalition(TimeStampedModel):
    """A coalition of actors and its canvas: diagnostic, impact, levers and path, evaluation."""

    content_language = content_language_field()
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="coalitions"
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CoalitionStatus.choices, default=CoalitionStatus.IDEA
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Published coalitions are visible to everyone.")
    )
    # Hidden by the programme team's moderation: unpublished, and its leads may not publish it
    # again until the team decides otherwise.
    hidden_by_moderation = models.BooleanField(
        _("hidden by the moderators"), default=False, db_default=False
    )
    diagnostic = canvas_text(_("diagnostic"), CANVAS_LONG_TEXT_MAX)
    swot_strengths = canvas_text(_("strengths"), CANVAS_SHORT_TEXT_MAX)
    swot_weaknesses = canvas_text(_("weaknesses"), CANVAS_SHORT_TEXT_MAX)
    swot_opportunities = canvas_text(_("opportunities"), CANVAS_SHORT_TEXT_MAX)
    swot_threats = canvas_text(_("threats"), CANVAS_SHORT_TEXT_MAX)
    impact_statement = canvas_text(_("targeted impact"), CANVAS_SHORT_TEXT_MAX)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    levers = canvas_text(_("levers"), CANVAS_LONG_TEXT_MAX)
    seeking = canvas_text(_("what we are looking for"), CANVAS_SHORT_TEXT_MAX)
    evaluation = canvas_text(_("evaluation"), CANVAS_LONG_TEXT_MAX)
    members_notes = canvas_text(_("members' notes"), CANVAS_LONG_TEXT_MAX)
    kinds_present = models.PositiveIntegerField(
        _("kinds of organisation present"),
        default=0,
        editable=False,
    )

    objects = CoalitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        ordering = ("-updated_at", "-id")
        indexes = (
            models.Index(fields=("programme", "status")),
            models.Index(fields=("-updated_at", "-id"), name="coalitions_recent_idx"),
            models.Index(fields=("is_published", "status"), name="coalitions_public_idx"),
            # The public list's order, and a programme's published coalitions (their count on
            # the home page, their list on the programme's page), read in index order.
            models.Index(
                # kinds_present last: the kind filter and its count read the index alone
                fields=("-updated_at", "-id", "kinds_present"),
                condition=Q(is_published=True),
                name="coalitions_published_idx",
            ),
            models.Index(
                fields=("programme", "-updated_at", "-id"),
                condition=Q(is_published=True),
                name="coalitions_prog_published_idx",
            ),
            # A programme's impact report: its published coalitions counted by status from
            # the index alone, and listed by title without sorting them all.
            models.Index(
                fields=("programme", "status"),
                condition=Q(is_published=True),
                name="coalitions_prog_status_idx",
            ),
            models.Index(
                fields=("programme", "title", "id"),
                condition=Q(is_published=True),
                name="coalitions_prog_title_idx",
            ),
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coalitions:coalition-detail", kwargs={"slug": self.slug})

    @property
    def is_closed(self) -> bool:
        """A closed coalition takes no new members."""
        return self.status == CoalitionStatus.CLOSED

    @property
    def has_swot(self) -> bool:
        return any(
            (self.swot_strengths, self.swot_weaknesses, self.swot_opportunities, self.swot_threats)
        )


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Milestone(models.Model):
    """A step on the coalition's path towards its targeted impact."""

    coalition = models.ForeignKey(
        Coalition, verbose_name=_("coalition"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ("position", "due_date", "id")

    def __str__(self) -> str:
        return self.title


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")
    FUNDER = "funder", _("Funder")
    SUPPORTER = "supporter", _("Supporter")
    OBSERVER = "observer", _("Observer")
    ACCOMPANIER = "accompanier", _("Accompanier")


class CoalitionMember(models.Model):
    """A person in a coalition, on behalf of one of their organisations or in their own name."""

    coalition = models.ForeignKey(
        Coalition, verbose_name=_("coalition"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="coalition_roles"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coalition_roles",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("coalition member")
        verbose_name_plural = _("coalition members")
        ordering = ("joined_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("coalition", "person"), name="coalitions_member_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JoinRequest(TimeStampedModel):
    coalition = models.ForeignKey(
        Coalition,
        verbose_name=_("coalition"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="join_requests"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ("created_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("coalition", "person"),
                condition=Q(status="pending"),
                name="coalitions_one_pending_request",
            ),
        )

    def __str__(self) -> str:
        return f"{self.person} → {self.coalition}"


class CanvasChange(models.Model):
    """One field of the canvas changed: who, when, before and after. Never edited."""

    coalition = models.ForeignKey(
        Coalition, verbose_name=_("coalition"), on_delete=models.CASCADE, related_name="changes"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    revision = models.PositiveIntegerField(_("revision"))
    field = models.CharField(_("field"), max_length=40)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    diff = models.JSONField(
        _("diff"),
        null=True,
        blank=True,
        help_text=_("Computed once when saved; empty for values shown in the reader's language."),
    )

    class Meta:
        verbose_name = _("canvas change")
        verbose_name_plural = _("canvas changes")
        ordering = ("-revision", "id")
        indexes = (models.Index(fields=("coalition", "-revision"), name="coalitions_history_idx"),)

    def __str__(self) -> str:
        return f"{self.coalition} #{self.revision} {self.field}"


class CanvasDraft(models.Model):
    """What one editor typed in the canvas and has not saved yet: kept as they type, seen by
    them alone, restored when they come back, spent when they save or discard it. Saving the
    canvas (its history, its notifications) happens only when they choose to."""

    coalition = models.ForeignKey(
        Coalition, verbose_name=_("coalition"), on_delete=models.CASCADE, related_name="drafts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    base_revision = models.PositiveIntegerField(_("revision it starts from"))
    data = models.JSONField(_("fields as typed"))
    updated_at = models.DateTimeField(_("kept at"), auto_now=True)

    class Meta:
        verbose_name = _("canvas draft")
        verbose_name_plural = _("canvas drafts")
        constraints = (
            models.UniqueConstraint(
                fields=("coalition", "author"), name="coalitions_one_draft_per_editor"
            ),
        )

    def __str__(self) -> str:
        return f"{self.coalition} · {self.author_id}"

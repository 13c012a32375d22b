from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Insulting, harassing or hateful")
    PERSONAL = "personal", _("Discloses someone's personal data")
    ILLEGAL = "illegal", _("Illegal content")
    OTHER = "other", _("Something else")


class CaseState(models.TextChoices):
    OPEN = "open", _("Waiting for the team")
    HIDDEN = "hidden", _("Hidden")
    KEPT = "kept", _("Kept")


class Case(models.Model):
    """What was reported about one thing, and the team's decision. A case reopens when it is
    reported again after a decision; hidden by reports (``auto_hidden``) it stays hidden
    until the team decides."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    programme_id = models.PositiveBigIntegerField(_("programme"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=CaseState.choices, default=CaseState.OPEN
    )
    auto_hidden = models.BooleanField(_("hidden by reports"), default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("reason given"), blank=True, max_length=2000)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation case")
        verbose_name_plural = _("moderation cases")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="moderation_case_unique"
            )
        ]
        indexes = [models.Index(fields=["state", "programme_id"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} ({self.state})"


class Report(models.Model):
    """One person's report on one case; a person reports a thing once until it is decided."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("reported by"),
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    note = models.TextField(_("details"), blank=True, max_length=2000)
    created = models.DateTimeField(_("reported"), auto_now_add=True)
    open = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "reporter"],
                condition=models.Q(open=True),
                name="moderation_report_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporter_id} → {self.case_id}"

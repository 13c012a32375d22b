from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliage.coalitions.models import Programme
from alliage.core.models import content_language_field


class NewsletterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")


class Newsletter(models.Model):
    """An issue of a programme's newsletter, written in markdown by the programme's team and
    sent to the people who consented to the newsletter, narrowed by the audience filters."""

    content_language = content_language_field()
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="newsletters",
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("text"), help_text=_("Markdown: **bold**, lists, links."))
    status = models.CharField(
        _("status"), max_length=10, choices=NewsletterStatus.choices, default=NewsletterStatus.DRAFT
    )
    followers_only = models.BooleanField(
        _("followers of the programme only"),
        default=False,
        help_text=_("Only the people who follow the programme."),
    )
    adherents_only = models.BooleanField(
        _("adhérents only"),
        default=False,
        help_text=_("Only people with a current membership, theirs or their organisation's."),
    )
    organisation_kinds = models.JSONField(
        _("kinds of organisation"),
        default=list,
        blank=True,
        help_text=_("Only people affiliated to an organisation of these kinds (none: everyone)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    recipients_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ("-created_at", "-pk")
        indexes = (
            models.Index(fields=("programme", "status", "-sent_at"), name="newsletter_archive"),
        )

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse(
            "newsletters:archive-detail", kwargs={"slug": self.programme.slug, "pk": self.pk}
        )

    @property
    def is_draft(self) -> bool:
        return self.status == NewsletterStatus.DRAFT

    @property
    def is_sent(self) -> bool:
        return self.status == NewsletterStatus.SENT


class Delivery(models.Model):
    """One copy of a newsletter for one person: made once (the pair is unique), then marked
    sent when its batch goes out, so that a task run again sends no second copy."""

    newsletter = models.ForeignKey(
        Newsletter,
        verbose_name=_("newsletter"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="newsletter_deliveries",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = (
            models.UniqueConstraint(fields=("newsletter", "user"), name="newsletter_delivery_once"),
        )
        indexes = (
            models.Index(
                fields=("newsletter",),
                condition=models.Q(sent_at__isnull=True),
                name="newsletter_delivery_pending",
            ),
        )

    def __str__(self) -> str:
        return f"{self.newsletter_id} → {self.user_id}"

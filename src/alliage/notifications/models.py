from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .kinds import Delivery


class Notification(models.Model):
    """Something a person is told about: shown in their centre, e-mailed at once or in a
    digest according to their choice for its kind. ``context`` holds the few strings its
    message needs (names, titles), already limited by the sender to what the recipient may
    see; ``url`` is where it leads, a path on this site."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=80)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    url = models.CharField(_("link"), max_length=500, blank=True)
    context = models.JSONField(_("context"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # How it is (or was) to be e-mailed, decided when it was made from the recipient's choice,
    # and when that e-mail (alone or in a digest) went out.
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.DAILY
    )
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = (
            models.Index(fields=("recipient", "-created_at"), name="notif_recipient_recent"),
            models.Index(
                fields=("recipient",),
                condition=models.Q(read_at__isnull=True),
                name="notif_recipient_unread",
            ),
            models.Index(
                fields=("delivery", "recipient"),
                condition=models.Q(emailed_at__isnull=True),
                name="notif_pending_email",
            ),
        )

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class Preference(models.Model):
    """A person's choice of delivery for one kind; without a row, the kind's default holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=80)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = (
            models.UniqueConstraint(fields=("user", "kind"), name="notif_preference_once"),
        )

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"


class DigestState(models.Model):
    """When a person's last daily and weekly digests went out: a digest is due once a day
    (once a week) after the last one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_digest_state",
        verbose_name=_("person"),
    )
    last_daily_at = models.DateTimeField(_("last daily digest"), null=True, blank=True)
    last_weekly_at = models.DateTimeField(_("last weekly digest"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest state")
        verbose_name_plural = _("digest states")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.last_daily_at} / {self.last_weekly_at}"

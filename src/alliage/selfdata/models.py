from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Person


class Purpose(models.TextChoices):
    """What a person may consent to; each is opt-in and explained on the consents page."""

    DIRECTORY = "directory", _("Listed in the public directory")
    CONTACT = "contact", _("Contactable by other actors")
    MATCHING = "matching", _("Suggested by the matching engine")
    NEWSLETTER = "newsletter", _("Programme newsletter")


class ReceiptSource(models.TextChoices):
    FORM = "form", _("Consents page")
    INITIAL = "initial", _("Carried over from the profile's setting")
    ERASURE = "erasure", _("Account erased")


class ConsentReceipt(models.Model):
    """One grant or withdrawal of a consent: who, which purpose, which version of its text (kept
    as shown, in the language it was shown in), and when. Never edited; an erasure only
    detaches it from the person."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consent_receipts",
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    granted = models.BooleanField(_("granted"))
    text_version = models.PositiveSmallIntegerField(_("version of the text"))
    text = models.TextField(_("text shown"))
    language = models.CharField(_("language"), max_length=10, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=ReceiptSource.choices, default=ReceiptSource.FORM
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("consent receipt")
        verbose_name_plural = _("consent receipts")
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=("person", "purpose", "-at")),)

    def __str__(self) -> str:
        verb = _("granted") if self.granted else _("withdrawn")
        return f"{self.get_purpose_display()} · {verb} · {self.at:%Y-%m-%d %H:%M}"


def export_stale_after() -> dt.timedelta:
    """An archive still being prepared this long after it was asked for will not be: its
    build was lost (a worker killed, a queue down), and the person may ask again."""
    return dt.timedelta(minutes=int(getattr(settings, "ALLIAGE_EXPORT_STALE_MINUTES", 30)))


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready to download")
    DOWNLOADED = "downloaded", _("Downloaded")
    EXPIRED = "expired", _("Expired")
    FAILED = "failed", _("Failed")


class DataExport(models.Model):
    """An archive of everything Alliage holds about a person, built by the task queue and kept
    under the export directory until it is downloaded once or expires."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    downloaded_at = models.DateTimeField(_("downloaded at"), null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ("-requested_at", "-id")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()}"

    @property
    def is_live(self) -> bool:
        """Ready and not yet expired."""
        return (
            self.status == ExportStatus.READY
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )

    @property
    def is_stuck(self) -> bool:
        """Still "being prepared" long after it was asked for: shown as failed, replaced by
        the next request, and marked failed by the worker's sweep."""
        return (
            self.status == ExportStatus.PENDING
            and self.requested_at < timezone.now() - export_stale_after()
        )


class InactivityFlag(models.Model):
    """An account nobody has logged in to for ALLIAGE_INACTIVE_AFTER_DAYS; it goes away when
    the person logs in again."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="inactivity_flag",
    )
    flagged_at = models.DateTimeField(_("flagged at"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), null=True, blank=True)

    class Meta:
        verbose_name = _("inactive account")
        verbose_name_plural = _("inactive accounts")
        ordering = ("last_seen", "id")

    def __str__(self) -> str:
        return f"#{self.user_id} {self.flagged_at:%Y-%m-%d}"

"""What the newsletters app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    NEWSLETTER_WRITTEN = "newsletter.written", _("Newsletter written")
    NEWSLETTER_TEST_SENT = "newsletter.test_sent", _("Newsletter test sent")
    NEWSLETTER_SENT = "newsletter.sent", _("Newsletter sent")
    NEWSLETTER_UNSUBSCRIBED = "newsletter.unsubscribed", _("Unsubscribed from the newsletter")

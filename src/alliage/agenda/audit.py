"""What the agenda app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    EVENT_CREATED = "event.created", _("Event created")
    EVENT_CHANGED = "event.changed", _("Event changed")
    CALENDAR_TOKEN_RENEWED = "calendar.token_renewed", _("Private calendar address created")
    CALENDAR_TOKEN_REVOKED = "calendar.token_revoked", _("Private calendar address revoked")

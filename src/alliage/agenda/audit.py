"""What the agenda app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    EVENT_CREATED = "event.created", _("Event created")
    EVENT_CHANGED = "event.changed", _("Event changed")
    EVENT_CANCELLED = "event.cancelled", _("Event cancelled")
    EVENT_POSTPONED = "event.postponed", _("Event postponed")
    EVENT_INVITED = "event.invited", _("Person invited to an event")
    EVENT_UNINVITED = "event.uninvited", _("Invitation to an event withdrawn")
    SERIES_CREATED = "series.created", _("Series of events created")
    SERIES_CHANGED = "series.changed", _("Series of events changed")
    CALENDAR_TOKEN_RENEWED = "calendar.token_renewed", _("Private calendar address created")
    CALENDAR_TOKEN_REVOKED = "calendar.token_revoked", _("Private calendar address revoked")

"""What the evaluation app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    INDICATOR_DELETED = "evaluation.indicator_deleted", _("Indicator deleted")

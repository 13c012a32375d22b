from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    REPORTED = "moderation.reported", _("Content reported")
    AUTO_HIDDEN = "moderation.auto_hidden", _("Content hidden after three reports")
    HIDDEN = "moderation.hidden", _("Content hidden by the team")
    KEPT = "moderation.kept", _("Content kept or restored by the team")

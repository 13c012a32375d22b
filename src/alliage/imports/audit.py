"""What the imports app records in the audit log."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    IMPORT_COMMITTED = "import.committed", _("Bulk import committed")

"""What the api app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    TOKEN_CREATED = "api.token_created", _("API token created")
    TOKEN_REVOKED = "api.token_revoked", _("API token revoked")

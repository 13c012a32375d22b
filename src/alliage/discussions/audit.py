from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    COMMENT_DELETED = "comment.deleted", _("Comment deleted by its author")
    COMMENT_REMOVED = "comment.removed", _("Comment removed by a moderator")

"""What the coalitions app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    PROPOSED = "coalition.proposed", _("Coalition proposed")
    CANVAS_CHANGED = "coalition.canvas_changed", _("Coalition canvas changed")
    STATUS_CHANGED = "coalition.status_changed", _("Coalition status changed")
    JOIN_REQUESTED = "coalition.join_requested", _("Asked to join a coalition")
    JOIN_ACCEPTED = "coalition.join_accepted", _("Request to join accepted")
    JOIN_DECLINED = "coalition.join_declined", _("Request to join declined")
    JOIN_WITHDRAWN = "coalition.join_withdrawn", _("Request to join withdrawn")
    ROLE_CHANGED = "coalition.role_changed", _("Role in a coalition changed")
    MEMBER_REMOVED = "coalition.member_removed", _("Left or removed from a coalition")
    LEAD_ERASED = (
        "coalition.lead_erased",
        _("A coalition's last lead erased their account"),
    )
    PROGRAMME_CREATED = "programme.created", _("Programme created")
    PROGRAMME_CHANGED = "programme.changed", _("Programme changed")
    PROGRAMME_MOVED = "programme.moved", _("Programme moved in the order")
    PROGRAMME_ARCHIVED = "programme.archived", _("Programme archived")
    PROGRAMME_RESTORED = "programme.restored", _("Programme restored from the archive")

"""What the invitations app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    INVITATION_SENT = "invitation.sent", _("Invitation to a coalition sent")
    INVITATION_ACCEPTED = "invitation.accepted", _("Invitation to a coalition accepted")
    INVITATION_DECLINED = "invitation.declined", _("Invitation to a coalition declined")
    INVITATION_REVOKED = "invitation.revoked", _("Invitation to a coalition revoked")
    INTRODUCTION_ASKED = "introduction.asked", _("Introduction asked")
    INTRODUCTION_ACCEPTED = "introduction.accepted", _("Introduction accepted by one side")
    INTRODUCTION_DECLINED = "introduction.declined", _("Introduction declined by one side")

"""What the assembly records in the audit log: each action with the label people read. A vote
itself is never audited: the audit log would join a voter to a secret ballot's time."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    ASSEMBLY_SAVED = "assembly.saved", _("Assembly settings saved")
    ROLL_FROZEN = "assembly.roll_frozen", _("Voter roll frozen")
    VOTER_DESIGNATED = "assembly.voter_designated", _("Voter designated for a member")
    CHECKED_IN = "assembly.checked_in", _("Voter checked in")
    CHECKED_OUT = "assembly.checked_out", _("Voter left the assembly")
    PROXY_GIVEN = "assembly.proxy_given", _("Proxy given")
    PROXY_REVOKED = "assembly.proxy_revoked", _("Proxy revoked")
    MOTION_SAVED = "assembly.motion_saved", _("Motion saved")
    MOTION_OPENED = "assembly.motion_opened", _("Ballot opened")
    MOTION_CLOSED = "assembly.motion_closed", _("Ballot closed")
    MINUTES_EXPORTED = "assembly.minutes_exported", _("Minutes exported")

"""What the API contributes: its personal data (the person's tokens)."""

from __future__ import annotations

from alliage.core import hooks
from alliage.core.personal_data import register_personal_data

from .audit import AuditAction
from .selfdata import PERSONAL_DATA

register_personal_data(PERSONAL_DATA)


hooks.register(hooks.AUDIT_ACTIONS, AuditAction)

"""What accounts contributes: its audit actions."""

from __future__ import annotations

from alliage.core import hooks

from .audit import AuditAction

hooks.register(hooks.AUDIT_ACTIONS, AuditAction)

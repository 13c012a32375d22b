"""Writes shared by every app: the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEntry, User


def audit_record(
    *, action: str, by: User | None, target: models.Model | None = None, **data: Any
) -> AuditEntry:
    """Record a sensitive action. ``by`` is None for system actions and anonymous attempts."""
    actor = by if by is not None and by.is_authenticated else None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data,
    )

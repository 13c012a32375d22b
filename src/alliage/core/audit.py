"""Audit actions: each app declares its own as a ``TextChoices`` with labels (Saleor's
``GiftCardEvents``) in its ``audit.py`` and registers the class in its ``hooks.py``; the "My
data" page and the team's audit log read the labels from here, and a test fails on an action
without one."""

from __future__ import annotations

from django.db import models

from .hooks import AUDIT_ACTIONS, get_hooks


def audit_action_classes() -> list[type[models.TextChoices]]:
    return list(get_hooks(AUDIT_ACTIONS))


def action_label(code: str) -> str:
    """The readable name of an action code; a code no app declares shows as it is (entries
    written by a version that has since renamed it)."""
    for actions in audit_action_classes():
        if code in actions.values:
            return str(actions(code).label)
    return code

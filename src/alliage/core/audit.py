"""Audit actions: each app declares its own as a ``TextChoices`` with labels (Saleor's
``GiftCardEvents``) in its ``audit.py`` and registers the class in its ``hooks.py``; the "My
data" page and the team's audit log read the labels from here, and a test fails on an action
without one."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from .hooks import AUDIT_ACTIONS, AUDIT_SCOPE, get_hooks


def audit_action_classes() -> list[type[models.TextChoices]]:
    return list(get_hooks(AUDIT_ACTIONS))


def action_label(code: str) -> str:
    """The readable name of an action code; a code no app declares shows as it is (entries
    written by a version that has since renamed it)."""
    for actions in audit_action_classes():
        if code in actions.values:
            return str(actions(code).label)
    return code


def audit_targets_q(targets: QuerySet[models.Model]) -> Q:
    """The audit entries about the objects of ``targets`` (an app's ``AUDIT_SCOPE`` hook)."""
    return Q(
        target_type=targets.model._meta.label_lower,
        target_id__in=targets.annotate(audit_pk=Cast("pk", CharField())).values("audit_pk"),
    )


def audit_scope_q(programme_ids: Iterable[int]) -> Q:
    """The entries about objects of these programmes, as each app declares them; log-ins,
    accounts and people belong to no programme, so they are never in it."""
    ids = frozenset(programme_ids)
    scope = Q(pk__in=[])
    for about in get_hooks(AUDIT_SCOPE):
        scope |= about(ids)
    return scope

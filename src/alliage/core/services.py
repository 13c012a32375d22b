"""Helpers every app's services share: the audit log, permission checks, queued work."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .errors import BusinessError, PermissionRefused
from .models import AuditEntry, User


def audit_record(
    *, action: models.TextChoices, by: User | None, target: models.Model | None = None, **data: Any
) -> AuditEntry:
    """Record a sensitive action. ``by`` is None for system actions and anonymous attempts.
    ``action`` is a member of an app's ``AuditAction`` (its label is what people read)."""
    if not isinstance(action, models.Choices):
        raise TypeError(f"audit_record takes an AuditAction member, not {action!r}.")
    actor = by if by is not None and by.is_authenticated else None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data,
    )


def model_validate(instance: models.Model, *, exclude: Sequence[str] = ()) -> None:
    """The model's own checks (lengths above all), as a BusinessError on the first field at
    fault, so that a form shows it beside the field and the API answers 422."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise BusinessError(" ".join(messages), field=field) from error


def model_update(*, instance: models.Model, data: dict[str, Any]) -> list[str]:
    """Set the fields of ``data`` that differ on ``instance`` and save only those; returns the
    names that changed (HackSoft's ``model_update``), so the caller can record them. The caller
    validates and locks; nothing is saved when nothing changed."""
    changed = [name for name, value in data.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, data[name])
    if changed:
        fields = {instance._meta.get_field(name).attname for name in changed}
        if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
            fields.add("updated_at")
        instance.save(update_fields=sorted(fields))
    return changed


def permission_require(user: User, perm: str, obj: Any, message: str | None = None) -> None:
    """Services re-check the permission the view declared: refuse with a clear message."""
    if not user.has_perm(perm, obj):
        raise PermissionRefused(message or _("You are not allowed to do this."))


def task_enqueue_after_commit(task: Any, **kwargs: Any) -> None:
    """Queue background work once the transaction commits (never for a rolled-back write),
    in the language of the request that caused it."""
    language = get_language() or "fr"
    transaction.on_commit(lambda: task.enqueue(language=language, **kwargs))


_once = threading.local()


def on_commit_once(key: str, callback: Callable[[], None]) -> None:
    """Run ``callback`` after the current transaction commits, once however many times the
    transaction asks under ``key`` (a demo load saves thousands of rows: one index update, one
    open-data rebuild follow). Every call registers a hook and the first hook to run takes the
    callback, so nothing depends on Django's internals. A rolled-back transaction's request
    runs at the next commit that asks for the same key, once: harmless for the idempotent
    refreshes this is for."""
    pending: dict[str, Callable[[], None]] = _once.__dict__.setdefault("callbacks", {})
    pending[key] = callback
    transaction.on_commit(lambda: _run_once(key))


def _run_once(key: str) -> None:
    callback = _once.__dict__.get("callbacks", {}).pop(key, None)
    if callback is not None:
        callback()

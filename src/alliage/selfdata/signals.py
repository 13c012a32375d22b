"""The audit log of log-ins and of changes of roles and permissions. These happen in Django's
authentication and in the administration, outside Alliage's services, so they are recorded by
signal handlers (a side concern: the audit log), connected in ``SelfdataConfig.ready``. The
acting user comes from the request (``core.middleware.acting_user``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import models
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.http import HttpRequest

from alliage.calls.models import Call
from alliage.coalitions.models import Programme
from alliage.core.middleware import acting_user
from alliage.core.models import User
from alliage.core.services import audit_record

from .audit import AuditAction
from .models import InactivityFlag

ROLE_FIELDS = {
    "is_staff": AuditAction.ROLE_STAFF_CHANGED,
    "is_superuser": AuditAction.ROLE_SUPERUSER_CHANGED,
    "is_active": AuditAction.ROLE_ACTIVE_CHANGED,
}


def on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """A log-in is recorded, and clears the account's inactivity flag."""
    audit_record(action=AuditAction.AUTH_LOGIN, by=user, target=user)
    InactivityFlag.objects.filter(user=user).delete()


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """A failed log-in is recorded against the account it tried, if there is one; the address
    typed is not kept."""
    username = str(credentials.get("username") or credentials.get("email") or "").strip()
    user = User.objects.filter(email__iexact=username).first() if username else None
    audit_record(action=AuditAction.AUTH_LOGIN_FAILED, by=None, target=user)


def before_user_save(sender: Any, instance: User, raw: bool = False, **kwargs: Any) -> None:
    """Remember which roles change, and whether the password does (a password rehashed at
    log-in is not a change)."""
    update_fields = kwargs.get("update_fields")
    instance._audit_changes = []  # type: ignore[attr-defined]
    if raw or instance.pk is None or instance.is_erased:
        return
    watched = {*ROLE_FIELDS, "password"}
    if update_fields is not None and not watched & set(update_fields):
        return
    before = User.objects.filter(pk=instance.pk).values(*watched).first()
    if before is None:
        return
    changes = [
        (action, {"before": before[f], "after": getattr(instance, f)})
        for f, action in ROLE_FIELDS.items()
        if before[f] != getattr(instance, f)
    ]
    if (
        before["password"]  # empty: the account is being created, not changed
        and before["password"] != instance.password
        and update_fields != frozenset({"password"})
    ):
        changes.append((AuditAction.AUTH_PASSWORD_CHANGED, {}))
    instance._audit_changes = changes  # type: ignore[attr-defined]


def after_user_save(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    for action, data in getattr(instance, "_audit_changes", []):
        audit_record(action=action, by=acting_user(), target=instance, **data)
    instance._audit_changes = []  # type: ignore[attr-defined]


def _names(model: type[models.Model], ids: set[int]) -> list[str]:
    objects = model.objects.filter(pk__in=ids)
    if model is Permission:
        objects = objects.select_related("content_type")
        return sorted(f"{p.content_type.app_label}.{p.codename}" for p in objects)
    return sorted(str(o) for o in objects)


def _m2m_audit(audit_action: str, other: type[models.Model]) -> Any:
    """A handler for a relation between accounts and ``other`` (groups, permissions,
    programme teams, reviewer pools): one entry per account whose roles changed."""

    def handler(
        sender: type[models.Model],
        instance: models.Model,
        action: str,
        pk_set: set[int] | None,
        **kwargs: Any,
    ) -> None:
        if action == "pre_clear":
            user_column = next(f.attname for f in sender._meta.fields if f.related_model is User)
            other_column = next(f.attname for f in sender._meta.fields if f.related_model is other)
            side = user_column if isinstance(instance, User) else other_column
            instance._audit_cleared = set(  # type: ignore[attr-defined]
                sender.objects.filter(**{side: instance.pk}).values_list(user_column, other_column)
            )
            return
        if action == "post_clear":
            pairs = getattr(instance, "_audit_cleared", set())
            change = "removed"
        elif action in ("post_add", "post_remove") and pk_set:
            change = "added" if action == "post_add" else "removed"
            if isinstance(instance, User):
                pairs = {(instance.pk, pk) for pk in pk_set}
            else:
                pairs = {(pk, instance.pk) for pk in pk_set}
        else:
            return
        by_user: dict[int, set[int]] = {}
        for user_id, other_id in pairs:
            by_user.setdefault(user_id, set()).add(other_id)
        by = acting_user()
        for user_id, other_ids in by_user.items():
            target = User(pk=user_id)
            audit_record(
                action=audit_action, by=by, target=target, **{change: _names(other, other_ids)}
            )

    return handler


def on_group_permissions(
    sender: Any, instance: models.Model, action: str, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """A group's permissions change for everyone in it."""
    if action not in ("post_add", "post_remove") or not pk_set or not isinstance(instance, Group):
        return
    change = "added" if action == "post_add" else "removed"
    audit_record(
        action=AuditAction.ROLE_GROUP_PERMISSIONS_CHANGED,
        by=acting_user(),
        target=instance,
        **{change: _names(Permission, pk_set)},
    )


_handlers: list[Any] = []


def connect() -> None:
    user_logged_in.connect(on_login, dispatch_uid="selfdata.audit.login")
    user_login_failed.connect(on_login_failed, dispatch_uid="selfdata.audit.login_failed")
    pre_save.connect(before_user_save, sender=User, dispatch_uid="selfdata.audit.user_pre")
    post_save.connect(after_user_save, sender=User, dispatch_uid="selfdata.audit.user_post")
    relations = (
        (User.groups.through, AuditAction.ROLE_GROUPS_CHANGED, Group),
        (User.user_permissions.through, AuditAction.ROLE_PERMISSIONS_CHANGED, Permission),
        (Programme.team.through, AuditAction.ROLE_PROGRAMME_TEAM_CHANGED, Programme),
        (Call.reviewers.through, AuditAction.ROLE_REVIEWER_POOL_CHANGED, Call),
    )
    for through, action, other in relations:
        handler = _m2m_audit(action, other)
        _handlers.append(handler)  # signals hold weak references
        m2m_changed.connect(handler, sender=through, dispatch_uid=f"selfdata.audit.{action}")
    m2m_changed.connect(
        on_group_permissions,
        sender=Group.permissions.through,
        dispatch_uid="selfdata.audit.group_permissions",
    )

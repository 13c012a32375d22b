"""Reads of notifications: a person's unread count and centre, their delivery choices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from .kinds import Kind, all_kinds
from .models import Notification, Preference

if TYPE_CHECKING:
    from alliage.core.models import User


def notification_unread_count(*, user: User) -> int:
    """How many of ``user``'s notifications are unread (one query; 0 for the anonymous)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_list(*, user: User) -> QuerySet[Notification]:
    """``user``'s notifications, newest first; nothing else is read to render them."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notification_get(*, user: User, pk: int) -> Notification:
    """One of ``user``'s own notifications; another's is ``DoesNotExist`` (a 404)."""
    return Notification.objects.get(recipient=user, pk=pk)


def preferences_for(*, user: User) -> dict[str, str]:
    """``user``'s delivery for every registered kind (their choice, else the default)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {key: chosen.get(key, kind.default) for key, kind in all_kinds().items()}


def kinds_by_group() -> list[tuple[str, list[Kind]]]:
    """The registered kinds grouped by their ``group``, groups in order of first appearance."""
    groups: dict[str, list[Kind]] = {}
    for kind in all_kinds().values():
        groups.setdefault(str(kind.group), []).append(kind)
    return list(groups.items())

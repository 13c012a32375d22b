"""Reads of notifications: a person's centre and their unread count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from .kinds import Delivery, Kind, all_kinds
from .models import Notification, Preference

if TYPE_CHECKING:
    from alliage.core.models import User


def notification_unread_count(*, user: User) -> int:
    """How many of the person's notifications are unread (one query, on a partial index)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_list(*, user: User) -> QuerySet[Notification]:
    """The person's notifications, newest first, with nothing else to fetch per row."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notification_message(notification: Notification) -> str:
    """The line a notification reads as, in the active language; a kind no longer registered
    reads as its key rather than failing the page."""
    kind = all_kinds().get(notification.kind)
    return kind.render(notification.context) if kind else notification.kind


@dataclass(frozen=True)
class Choice:
    kind: Kind
    delivery: str


def preference_choices(*, user: User) -> list[tuple[str, list[Choice]]]:
    """Every registered kind with the person's delivery for it, grouped as registered."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    groups: dict[str, list[Choice]] = {}
    for kind in all_kinds().values():
        delivery = chosen.get(kind.key, kind.default)
        if delivery not in Delivery.values:
            delivery = kind.default
        groups.setdefault(str(kind.group), []).append(Choice(kind, delivery))
    return list(groups.items())

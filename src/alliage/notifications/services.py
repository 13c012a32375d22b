"""Writes of notifications. Every app tells people through ``notification_send``; it never
writes a ``Notification`` itself."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.core.errors import BusinessError

from .kinds import Delivery, all_kinds, get_kind
from .models import Notification, Preference

if TYPE_CHECKING:
    from alliage.core.models import User


def deliveries_for(*, users: Iterable[User], kind: str) -> dict[int, str]:
    """Each user's delivery for ``kind`` (their choice, else the kind's default), one query."""
    default = get_kind(kind).default
    ids = [user.pk for user in users]
    chosen = dict(
        Preference.objects.filter(user_id__in=ids, kind=kind).values_list("user_id", "delivery")
    )
    return {pk: chosen.get(pk, default) for pk in ids}


@transaction.atomic
def notification_send(
    *,
    kind: str,
    recipients: Iterable[User],
    url: str = "",
    context: dict[str, Any] | None = None,
    by: User | None = None,
) -> list[Notification]:
    """Tell ``recipients`` that ``kind`` happened. The person who caused it (``by``) is not
    told, nor an inactive account; each recipient once however often listed. The caller
    limits ``recipients`` and ``context`` to what each may see: a members-only comment goes
    to members only. E-mails marked "at once" leave by the task queue after the commit;
    digests gather the rest."""
    get_kind(kind)  # an unregistered kind fails here, in the sender's test
    people: dict[int, User] = {}
    for user in recipients:
        if user is None or not user.is_active or (by is not None and user.pk == by.pk):
            continue
        people.setdefault(user.pk, user)
    if not people:
        return []
    deliveries = deliveries_for(users=people.values(), kind=kind)
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            actor=by,
            url=url,
            context=context or {},
            delivery=deliveries[user.pk],
        )
        for user in people.values()
    )
    now_ids = [n.pk for n in notifications if n.delivery == Delivery.NOW and n.pk is not None]
    if now_ids:
        from .tasks import notifications_email_now

        transaction.on_commit(lambda: notifications_email_now.enqueue(notification_ids=now_ids))
    return notifications


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one of the person's notifications read, or all of them when no id is given;
    another person's notification is never touched (the filter is by recipient)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user: User, choices: dict[str, str]) -> None:
    """Record the person's delivery per kind; unknown kinds and deliveries are errors."""
    kinds = all_kinds()
    for key, delivery in choices.items():
        if key not in kinds or delivery not in Delivery.values:
            raise BusinessError(_("Unknown notification setting."))
    for key, delivery in choices.items():
        Preference.objects.update_or_create(user=user, kind=key, defaults={"delivery": delivery})

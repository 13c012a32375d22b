"""Writes of notifications. Every app tells people through ``notification_send``; it never
writes a ``Notification`` itself."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction

from .kinds import Delivery, get_kind
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

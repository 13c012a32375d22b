"""Writes of notifications. Every app tells people through ``notification_send``; it never
writes a ``Notification`` itself."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

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
    once: str = "",
) -> list[Notification]:
    """Tell ``recipients`` that ``kind`` happened. The person who caused it (``by``) is not
    told, nor an inactive account; each recipient once however often listed. The caller
    limits ``recipients`` and ``context`` to what each may see: a members-only comment goes
    to members only. E-mails marked "at once" leave by the task queue after the commit;
    digests gather the rest.

    ``once`` names a fact told at most once to each person (a reminder swept every hour:
    "milestone 12 due"): whoever already has a notification of this kind with this key is
    left out."""
    get_kind(kind)  # an unregistered kind fails here, in the sender's test
    people: dict[int, User] = {}
    for user in recipients:
        if user is None or not user.is_active or (by is not None and user.pk == by.pk):
            continue
        people.setdefault(user.pk, user)
    if people and once:
        context = {**(context or {}), "once": once}
        told = Notification.objects.filter(
            kind=kind, recipient_id__in=list(people), context__once=once
        ).values_list("recipient_id", flat=True)
        for pk in told:
            people.pop(pk, None)
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


@transaction.atomic
def notification_mark_read(*, notification: Notification, by: User) -> None:
    """Mark one notification read; only its recipient may."""
    if notification.recipient_id != by.pk:
        raise PermissionDenied
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notifications_mark_all_read(*, by: User) -> int:
    """Mark every unread notification of ``by`` read; returns how many."""
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preferences_set(*, user: User, deliveries: dict[str, str]) -> None:
    """Save ``user``'s delivery for each kind given (registered kinds, known deliveries)."""
    known = all_kinds()
    for key, delivery in deliveries.items():
        if key not in known or delivery not in Delivery.values:
            raise ValueError(f"bad preference {key!r}={delivery!r}")
        Preference.objects.update_or_create(user=user, kind=key, defaults={"delivery": delivery})


@transaction.atomic
def unsubscribe(*, user: User, target: str) -> list[str]:
    """One-click unsubscribe: ``target`` is a kind's key (that kind goes to "never") or
    ``digest:daily`` / ``digest:weekly`` (every kind now in that digest goes to "never").
    Pending e-mails of those kinds are not sent either. Returns the kinds changed."""
    known = all_kinds()
    if target.startswith("digest:"):
        delivery = target.removeprefix("digest:")
        chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
        keys = [k for k, kind in known.items() if chosen.get(k, kind.default) == delivery]
    else:
        keys = [target] if target in known else []
    for key in keys:
        Preference.objects.update_or_create(
            user=user, kind=key, defaults={"delivery": Delivery.NEVER}
        )
    Notification.objects.filter(recipient=user, kind__in=keys, emailed_at__isnull=True).update(
        delivery=Delivery.NEVER
    )
    return keys

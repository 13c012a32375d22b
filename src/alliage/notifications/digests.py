"""The daily and weekly digests: one e-mail per person listing their pending notifications."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .email import absolute
from .kinds import Delivery, all_kinds, message_of
from .models import DigestState, Notification

# An hourly run a few minutes late still finds yesterday's digest due.
PERIODS = {Delivery.DAILY: dt.timedelta(hours=23), Delivery.WEEKLY: dt.timedelta(days=7, hours=-1)}
FIELDS = {Delivery.DAILY: "last_daily_at", Delivery.WEEKLY: "last_weekly_at"}


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Every app's reminders due at ``now`` (``hooks.REMINDERS``): told once each however
    often this runs. Returns how many notifications were made."""
    from alliage.core import hooks

    now = now or timezone.now()
    return sum(sweep(now) for sweep in hooks.get_hooks(hooks.REMINDERS))


def digests_send(*, now: dt.datetime | None = None) -> int:
    """Send each person due a digest ONE e-mail listing their pending notifications of that
    delivery, marking them e-mailed and the digest's time in the same transaction, under a
    lock on the person's digest state: running twice sends nothing twice. Returns how many."""
    now = now or timezone.now()
    kinds = all_kinds()
    sent = 0
    for delivery, period in PERIODS.items():
        field = FIELDS[delivery]
        users = (
            Notification.objects.filter(delivery=delivery, emailed_at__isnull=True)
            .values_list("recipient_id", flat=True)
            .distinct()
        )
        for user_id in list(users):
            with transaction.atomic():
                DigestState.objects.get_or_create(user_id=user_id)
                state = (
                    DigestState.objects.select_for_update()
                    .select_related("user")
                    .get(user_id=user_id)
                )
                last = getattr(state, field)
                if last is not None and now - last < period:
                    continue
                pending = list(
                    Notification.objects.select_for_update().filter(
                        recipient_id=user_id, delivery=delivery, emailed_at__isnull=True
                    )
                )
                if not pending:
                    continue
                user = state.user
                with translation.override(user.language or settings.LANGUAGE_CODE):
                    subject = (
                        _("Your daily digest")
                        if delivery == Delivery.DAILY
                        else _("Your weekly digest")
                    )
                    lines = [
                        f"- {message}" + (f"\n  {absolute(n.url)}" if n.url else "")
                        for n in pending
                        if (message := message_of(n, kinds)) is not None
                    ]
                    from .tokens import unsubscribe_headers

                    headers = unsubscribe_headers(user_id=user_id, target=f"digest:{delivery}")
                    body = (
                        "\n".join(lines)
                        + "\n\n"
                        + _("You receive this e-mail because of your notification settings.")
                    )
                Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
                setattr(state, field, now)
                state.save(update_fields=[field])
                if lines and user.email:
                    message = EmailMessage(
                        subject=subject, body=body, to=[user.email], headers=headers
                    )
                    transaction.on_commit(message.send)
                    sent += 1
    return sent

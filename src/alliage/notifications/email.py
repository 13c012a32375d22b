"""The e-mail of one notification sent alone (delivery "at once"), in the recipient's
language, with its one-click unsubscribe headers; the digests are in ``digests.py``."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alliage.workers.services import effect_once

from .kinds import Delivery, all_kinds, message_of
from .models import Notification


def absolute(url: str) -> str:
    return settings.ALLIAGE_BASE_URL.rstrip("/") + url if url.startswith("/") else url


def notifications_email(*, notification_ids: list[int]) -> int:
    """E-mail each notification not yet e-mailed to its recipient, marking it e-mailed in
    the same transaction that claims it (a second run finds nothing to send)."""
    kinds = all_kinds()
    sent = 0
    for pk in notification_ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update()
                .select_related("recipient")
                .filter(pk=pk, delivery=Delivery.NOW, emailed_at__isnull=True)
                .first()
            )
            if notification is None or notification.kind not in kinds:
                continue
            user = notification.recipient
            with translation.override(user.language or settings.LANGUAGE_CODE):
                line = message_of(notification, kinds) or ""
                subject = line[:150]
                body = "\n\n".join(
                    part
                    for part in (
                        line,
                        absolute(notification.url) if notification.url else "",
                        _("You receive this e-mail because of your notification settings."),
                    )
                    if part
                )
                from .tokens import unsubscribe_headers

                headers = unsubscribe_headers(user_id=user.pk, target=notification.kind)
            message = EmailMessage(subject=subject, body=body, to=[user.email], headers=headers)
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            effect_once(f"notification-mail:{pk}", message.send)
            sent += 1
    return sent

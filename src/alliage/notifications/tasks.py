"""E-mails of notifications, sent by the task queue."""

from __future__ import annotations

from django_tasks import task


@task()
def notifications_email_now(*, notification_ids: list[int]) -> int:
    """E-mail each of these notifications (delivery "at once") to its recipient, in the
    recipient's language; one already e-mailed is not sent again. Returns how many went."""
    from .email import notifications_email

    return notifications_email(notification_ids=notification_ids)

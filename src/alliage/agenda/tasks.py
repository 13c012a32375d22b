"""Background work of the agenda: e-mails about registrations, sent by the task queue."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

KINDS = ("confirmed", "waitlisted", "promoted", "event_cancelled", "reminder")


@task()
def registration_notify(*, registration_id: int, kind: str, language: str = "fr") -> bool:
    """E-mail the person about their registration. A reminder goes out once: the task claims
    it by stamping ``reminder_sent_at`` only where it is still empty."""
    from .models import Registration

    if kind not in KINDS:
        raise ValueError(kind)
    if kind == "reminder":
        claimed = Registration.objects.filter(
            pk=registration_id,
            reminder_sent_at__isnull=True,
            status="confirmed",
            event__status="scheduled",
        ).update(reminder_sent_at=timezone.now())
        if not claimed:
            return False
    registration = (
        Registration.objects.select_related("event", "person__user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return False
    event = registration.event
    with translation.override(language), timezone.override(event.tz):
        base = settings.ALLIAGE_BASE_URL.rstrip("/")
        context = {
            "registration": registration,
            "event": event,
            "person": registration.person,
            "event_url": base + event.get_absolute_url(),
            "cancel_url": base
            + reverse("agenda:registration-cancel-link", args=[registration.cancel_token]),
            "ics_url": base + reverse("agenda:event-ics", args=[event.slug]),
        }
        subject = " ".join(render_to_string(f"agenda/email/{kind}_subject.txt", context).split())
        body = render_to_string(f"agenda/email/{kind}.txt", context)
    send_mail(subject, body, None, [registration.person.user.email])
    return True

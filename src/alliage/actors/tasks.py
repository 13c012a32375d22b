"""Background work of actors: relaying a message from one person to another."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from alliage.core.text import one_line
from alliage.workers.services import effect_once


def _address(name: str, email: str) -> str:
    """A display name and address; the mail library encodes what is not ASCII."""
    quoted = one_line(name).replace("\\", "").replace('"', "'")
    return f'"{quoted}" <{email}>'


@task()
def contact_deliver(*, message_id: int, language: str = "fr") -> bool:
    """E-mail a contact message to its recipient, answerable to the sender, then forget its
    text. Nothing goes out if the recipient withdrew their consent in the meantime."""
    from .models import ContactMessage

    contact = (
        ContactMessage.objects.select_related("sender__user", "recipient__user")
        .filter(pk=message_id, sent_at__isnull=True)
        .first()
    )
    if contact is None:
        return False
    recipient, sender = contact.recipient, contact.sender
    delivered = recipient.is_contactable and recipient.user.is_active and sender.user.is_active
    if delivered:
        base = settings.ALLIAGE_BASE_URL.rstrip("/")
        with translation.override(language):
            context = {
                "sender": sender,
                "recipient": recipient,
                "body": contact.body,
                "sender_url": base + sender.get_absolute_url() if sender.is_listed else "",
                "consents_url": base + reverse("selfdata:consents"),
            }
            subject = one_line(render_to_string("actors/email/contact_subject.txt", context))
            body = render_to_string("actors/email/contact.txt", context)
        message = EmailMessage(
            subject=subject,
            body=body,
            to=[recipient.user.email],
            reply_to=[_address(sender.full_name, sender.user.email)],
        )
        effect_once(f"mail:{recipient.user.email}", message.send)
    contact.body = ""
    contact.sent_at = timezone.now()
    contact.save(update_fields=["body", "sent_at"])
    return delivered


def _send(*, user, template: str, context: dict) -> None:
    """One e-mail in its recipient's language; once per task run, even if the task is taken
    again after its worker died."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = one_line(render_to_string(f"actors/email/{template}_subject.txt", context))
        body = render_to_string(f"actors/email/{template}.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[user.email])
    effect_once(f"mail:{template}:{user.email}", message.send)


@task()
def affiliation_request_notify(*, request_id: int, language: str = "fr") -> int:
    """Tell an organisation's people that someone asks to join it, each in their own
    language (``language``, the asker's, is not theirs); returns how many."""
    from .models import AffiliationRequest, AffiliationRequestStatus, Person

    request = (
        AffiliationRequest.objects.select_related("person", "organisation")
        .filter(pk=request_id, status=AffiliationRequestStatus.PENDING)
        .first()
    )
    if request is None:
        return 0
    base = settings.ALLIAGE_BASE_URL.rstrip("/")
    people = Person.objects.filter(
        affiliations__organisation=request.organisation, user__is_active=True
    ).select_related("user")
    sent = 0
    for person in people:
        _send(
            user=person.user,
            template="affiliation_request",
            context={
                "request": request,
                "recipient": person,
                "url": base + request.organisation.get_absolute_url(),
            },
        )
        sent += 1
    return sent


@task()
def affiliation_answer_notify(*, request_id: int, language: str = "fr") -> bool:
    """Tell the person how their request to join was answered, in their language."""
    from .models import AffiliationRequest, AffiliationRequestStatus

    request = (
        AffiliationRequest.objects.select_related("person__user", "organisation")
        .filter(pk=request_id)
        .exclude(status=AffiliationRequestStatus.PENDING)
        .first()
    )
    if request is None or not request.person.user.is_active:
        return False
    base = settings.ALLIAGE_BASE_URL.rstrip("/")
    _send(
        user=request.person.user,
        template="affiliation_answer",
        context={
            "request": request,
            "accepted": request.status == AffiliationRequestStatus.ACCEPTED,
            "url": base + request.organisation.get_absolute_url(),
        },
    )
    return True

"""Background work of invitations: the e-mail that carries an invitation's link."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from alliage.core.text import one_line
from alliage.workers.services import effect_once


@task()
def invitation_deliver(*, invitation_id: int, language: str = "fr") -> bool:
    """E-mail an invitation's link, in the invited person's language (else the lead's). The
    link's secret is made here and only its digest kept, so it exists in this e-mail alone
    (not in the task queue, not in the database). Nothing goes out for an invitation already
    sent, answered or withdrawn, nor to a person who withdrew their consent meanwhile."""
    from alliage.actors.models import Person

    from .models import Invitation, InvitationState
    from .selectors import token_hash

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("coalition", "person__user", "organisation", "invited_by")
            .filter(
                pk=invitation_id,
                state=InvitationState.PENDING,
                delivered=True,
                token_hash__isnull=True,
            )
            .first()
        )
        if invitation is None:
            return False
        person = invitation.person
        if person is not None:
            if not (person.is_contactable and person.user.is_active):
                return False
            to, language = person.user.email, person.user.language or language
        else:
            to = invitation.email
        token = secrets.token_urlsafe(32)
        invitation.token_hash = token_hash(token)
        invitation.save(update_fields=["token_hash"])
        inviter = Person.objects.filter(user=invitation.invited_by).first()
        base = settings.ALLIAGE_BASE_URL.rstrip("/")
        with translation.override(language):
            context = {
                "invitation": invitation,
                "inviter": inviter,
                "coalition": invitation.coalition,
                "link": base + reverse("invitations:invitation-link", kwargs={"token": token}),
                "coalition_url": base + invitation.coalition.get_absolute_url(),
            }
            subject = one_line(
                render_to_string("invitations/email/invitation_subject.txt", context)
            )
            body = render_to_string("invitations/email/invitation.txt", context)
        message = EmailMessage(subject=subject, body=body, to=[to])
        effect_once(f"invitation-mail:{invitation.pk}", message.send)
    return True

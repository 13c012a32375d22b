"""E-mails about submissions, sent by the task queue."""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


class Notice(StrEnum):
    """The e-mails a submitter receives; each value names its templates
    (``calls/email/<value>.txt`` and ``<value>_subject.txt``)."""

    SUBMITTED = "submitted"
    DECIDED = "decided"


@task()
def submission_notify(*, submission_id: int, kind: str, language: str = "fr") -> bool:
    """Send the submitter the ``kind`` e-mail (a ``Notice``) in the request's language."""
    from .models import Submission

    notice = Notice(kind)  # an unknown kind is a ValueError
    submission = (
        Submission.objects.select_related("call", "person__user").filter(pk=submission_id).first()
    )
    if submission is None:
        return False
    with translation.override(language):
        context = {
            "submission": submission,
            "call": submission.call,
            "person": submission.person,
            "url": settings.ALLIAGE_BASE_URL.rstrip("/") + submission.get_absolute_url(),
        }
        subject = " ".join(render_to_string(f"calls/email/{notice}_subject.txt", context).split())
        body = render_to_string(f"calls/email/{notice}.txt", context)
    send_mail(subject, body, None, [submission.person.user.email])
    return True

"""Background work of the agenda: e-mails about registrations, sent by the task queue. A task
only calls its service (``services.registration_notice_send``), where the rules live."""

from __future__ import annotations

from django_tasks import task


@task()
def registration_notify(*, registration_id: int, kind: str, language: str = "fr") -> bool:
    """E-mail the person about their registration (``kind``: a ``RegistrationNotice``)."""
    # Imported here: the services queue this task, so they import this module first.
    from .models import RegistrationNotice
    from .services import registration_notice_send

    return registration_notice_send(
        registration_id=registration_id, notice=RegistrationNotice(kind), language=language
    )

"""Background work of the agenda: e-mails about registrations, sent by the task queue. A task
only calls its service (``services.registration_notice_send``), where the rules live."""

from __future__ import annotations

from django_tasks import task

from alliage.workers.services import effect_once


@task()
def registration_notify(*, registration_id: int, kind: str, language: str = "fr") -> bool:
    """E-mail the person about their registration (``kind``: a ``RegistrationNotice``); once,
    even if the task is taken again after its worker died."""
    # Imported here: the services queue this task, so they import this module first.
    from .models import RegistrationNotice
    from .services import registration_notice_send

    notice = RegistrationNotice(kind)
    sent: list[bool] = []
    effect_once(
        f"mail:registration:{registration_id}:{kind}",
        lambda: sent.append(
            registration_notice_send(
                registration_id=registration_id, notice=notice, language=language
            )
        ),
    )
    return bool(sent and sent[0])

"""Tasks for the worker's tests (module level: the database backend stores their path)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import OperationalError
from django_tasks import task

from alliage.workers.services import effect_once

RUNS: list[str] = []
FAIL_FIRST: set[str] = set()


@task()
def record(*, value: str) -> str:
    """Counts its runs; fails with a database error on the first run of a value listed in
    FAIL_FIRST (a connection lost in the middle of the task)."""
    RUNS.append(value)
    if value in FAIL_FIRST:
        FAIL_FIRST.discard(value)
        raise OperationalError("server closed the connection unexpectedly")
    return value


@task()
def mail(*, to: str) -> bool:
    return effect_once(
        f"mail:{to}", lambda: send_mail("Subject", "Body", None, [to], fail_silently=False)
    )

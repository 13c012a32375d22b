"""Background work of newsletters: the sending in batches and the test copy. A task only
calls its service, where the rules live."""

from __future__ import annotations

from django_tasks import task


@task()
def newsletter_deliver(*, newsletter_id: int, language: str = "fr") -> int:
    """Send a newsletter being sent to its audience, in batches; safe to run twice (each
    recipient has one delivery, marked when its batch went out). Each copy is in its
    recipient's language, whatever ``language`` the request had."""
    from .services import newsletter_deliver as deliver

    return deliver(newsletter_id=newsletter_id)


@task()
def newsletter_send_test(*, newsletter_id: int, user_id: int, language: str = "fr") -> bool:
    """The test copy of a newsletter, to the team member who asked for it only."""
    from .services import newsletter_test_deliver

    return newsletter_test_deliver(newsletter_id=newsletter_id, user_id=user_id)

"""The project's own tasks, taken again after their worker was lost between their e-mail and
the record of their success (R2): the second run sends nothing more."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import OperationalError
from django_tasks_db.models import DBTaskResult

from alliage.actors.models import ContactMessage
from alliage.actors.tasks import contact_deliver
from alliage.calls.tasks import submission_notify

from ..factories import PersonFactory, SubmissionFactory
from .test_worker import make_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_queue")]


@pytest.fixture
def lost_once(monkeypatch) -> list[int]:
    """The database goes away once, just after the e-mail task did its work."""
    original, calls = DBTaskResult.set_successful, []

    def flaky(self, value):
        if "index_refresh" in self.task_path:  # the search index the factories refresh
            return original(self, value)
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return original(self, value)

    monkeypatch.setattr(DBTaskResult, "set_successful", flaky)
    return calls


def ran_twice(result) -> bool:
    row = DBTaskResult.objects.get(pk=result.id)
    return row.status == "SUCCESSFUL" and len(row.worker_ids) == 2


def test_a_submission_e_mail_goes_once(lost_once) -> None:
    submission = SubmissionFactory()
    result = submission_notify.enqueue(submission_id=submission.pk, kind="submitted", language="en")
    make_worker().run()
    assert ran_twice(result)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [submission.person.user.email]


def test_a_contact_message_goes_once(lost_once) -> None:
    recipient = PersonFactory(is_contactable=True)
    message = ContactMessage.objects.create(
        sender=PersonFactory(), recipient=recipient, body="Bonjour"
    )
    result = contact_deliver.enqueue(message_id=message.pk, language="fr")
    make_worker().run()
    assert ran_twice(result)
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.sent_at is not None and message.body == ""

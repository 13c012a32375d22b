"""Writing, testing and sending a newsletter: permissions, one copy per person even when the
task runs twice, batches, languages and the one-click unsubscribe headers."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings

from alliage.core.errors import BusinessError
from alliage.core.models import AuditEntry
from alliage.newsletters import services
from alliage.newsletters.models import Delivery, NewsletterStatus
from alliage.newsletters.tasks import newsletter_deliver
from tests.factories import PASSWORD, MembershipFactory, PersonFactory

from ..factories import team_member
from .factories import NewsletterFactory, consent, consenting

pytestmark = pytest.mark.django_db


def test_the_team_writes_a_draft_and_an_outsider_cannot(committed):
    newsletter = NewsletterFactory()
    team = team_member(newsletter.programme)
    made = services.newsletter_create(
        by=team, programme=newsletter.programme, subject=" Lettre ", body="Texte",
        organisation_kinds=["media", "research"],
    )  # fmt: skip
    assert made.subject == "Lettre" and made.organisation_kinds == ["media", "research"]
    assert made.status == NewsletterStatus.DRAFT
    assert AuditEntry.objects.filter(action="newsletter.written").count() == 1
    with pytest.raises(BusinessError):
        services.newsletter_create(
            by=PersonFactory().user, programme=newsletter.programme, subject="x", body="y"
        )
    other_team = team_member(NewsletterFactory().programme)
    with pytest.raises(BusinessError):
        services.newsletter_send(by=other_team, newsletter=newsletter)
    with pytest.raises(BusinessError):
        services.newsletter_update(
            by=team, newsletter=made, subject="x", body="y", followers_only=False,
            adherents_only=False, organisation_kinds=["nope"],
        )  # fmt: skip


def test_a_test_copy_goes_to_the_team_member_only(committed):
    newsletter = NewsletterFactory(subject="Nouvelles")
    consenting()
    team = team_member(newsletter.programme)
    committed(services.newsletter_test_send, by=team, newsletter=newsletter)
    assert [m.to for m in mail.outbox] == [[team.email]]
    assert mail.outbox[0].subject == "[Test] Nouvelles"
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.DRAFT
    assert AuditEntry.objects.filter(action="newsletter.test_sent").exists()


def test_sending_reaches_each_consented_adherent_once_even_if_the_task_runs_twice(committed):
    newsletter = NewsletterFactory(adherents_only=True)
    team = team_member(newsletter.programme)
    adherents = [consenting() for _ in range(3)]
    for person in adherents:
        MembershipFactory(organisation=None, person=person)
    refused = PersonFactory()
    MembershipFactory(organisation=None, person=refused)
    consenting()  # consented, not an adhérent
    with override_settings(ALLIAGE_NEWSLETTER_BATCH=2):
        assert committed(services.newsletter_send, by=team, newsletter=newsletter) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in adherents)
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT and newsletter.recipients_count == 3
    # The task again, and again as if its worker had died before marking the newsletter sent.
    newsletter_deliver.call(newsletter_id=newsletter.pk)
    type(newsletter).objects.filter(pk=newsletter.pk).update(status=NewsletterStatus.SENDING)
    newsletter_deliver.call(newsletter_id=newsletter.pk)
    assert len(mail.outbox) == 3
    assert Delivery.objects.filter(newsletter=newsletter).count() == 3
    with pytest.raises(BusinessError):
        services.newsletter_send(by=team, newsletter=newsletter)
    assert AuditEntry.objects.filter(action="newsletter.sent").count() == 1


def test_each_copy_is_in_its_recipients_language_with_one_click_headers(committed):
    newsletter = NewsletterFactory(body="Un [lien](https://example.org) **gras**")
    team = team_member(newsletter.programme)
    english = consenting(user__language="en")
    committed(services.newsletter_send, by=team, newsletter=newsletter)
    (message,) = mail.outbox
    assert message.to == [english.user.email]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http") and "/en/newsletters/unsubscribe/" in url
    assert "Unsubscribe:" in message.body
    html = message.alternatives[0][0]
    assert "<strong>gras</strong>" in html and 'href="https://example.org"' in html


def test_nobody_to_send_to_is_refused(committed):
    newsletter = NewsletterFactory()
    team = team_member(newsletter.programme)
    PersonFactory()
    with pytest.raises(BusinessError):
        services.newsletter_send(by=team, newsletter=newsletter)
    newsletter.refresh_from_db()
    assert newsletter.is_draft


def test_someone_who_withdrew_before_the_sending_gets_nothing(committed):
    newsletter = NewsletterFactory()
    team = team_member(newsletter.programme)
    stays = consenting()
    leaves = consenting()
    consent(leaves, False, ago=1)
    committed(services.newsletter_send, by=team, newsletter=newsletter)
    assert [m.to for m in mail.outbox] == [[stays.user.email]]


def test_a_failed_sending_is_resumed_by_the_sweep_without_a_second_copy(committed, monkeypatch):
    import datetime as dt

    from django.core.mail.backends.locmem import EmailBackend
    from django.utils import timezone

    from alliage.newsletters.models import Newsletter

    newsletter = NewsletterFactory()
    team = team_member(newsletter.programme)
    people = [consenting() for _ in range(3)]
    real = EmailBackend.send_messages
    calls = []

    def flaky(self, messages):
        calls.append(len(messages))
        if len(calls) == 2:
            raise OSError("the provider is down")
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    with override_settings(ALLIAGE_NEWSLETTER_BATCH=2):  # the task fails, its batch rolled back
        committed(services.newsletter_send, by=team, newsletter=newsletter)
    assert len(mail.outbox) == 2
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENDING
    assert committed(services.newsletters_resume) == 0  # not stale yet
    later = timezone.now() + dt.timedelta(minutes=20)
    with override_settings(ALLIAGE_NEWSLETTER_BATCH=2):
        assert committed(services.newsletters_resume, now=later) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in people)
    assert Newsletter.objects.get(pk=newsletter.pk).status == NewsletterStatus.SENT


def test_deliveries_are_exported_and_erased(committed):
    from alliage.core.personal_data import dataset_rows, personal_data_entries
    from alliage.newsletters.models import Newsletter
    from alliage.selfdata.services import account_erase

    newsletter = NewsletterFactory(subject="Lettre d'hiver")
    team = team_member(newsletter.programme)
    person = consenting()
    committed(services.newsletter_send, by=team, newsletter=newsletter)
    (entry,) = [e for e in personal_data_entries() if e.app_label == "newsletters"]
    received = next(d for d in entry.datasets if d.key == "newsletter_deliveries")
    rows = dataset_rows(received, person.user)
    assert [r["newsletter"] for r in rows] == ["Lettre d'hiver"] and rows[0]["sent_at"]
    account_erase(user=person.user, by=person.user, password=PASSWORD)
    assert not Delivery.objects.filter(user=person.user).exists()
    account_erase(user=team, by=team, password=PASSWORD)
    assert Newsletter.objects.get(pk=newsletter.pk).created_by is None

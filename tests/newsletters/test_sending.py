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
from tests.factories import MembershipFactory, PersonFactory

from .factories import NewsletterFactory, consent, consenting, team_member

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

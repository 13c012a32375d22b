"""The team's newsletter pages as a (non-superuser) team member, another programme's team
refused, the public archive, and the unsubscribe link from the e-mail to /me/consents/."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from alliage.core.models import AuditEntry
from alliage.newsletters.models import Newsletter, NewsletterStatus
from alliage.newsletters.tokens import unsubscribe_token
from alliage.selfdata.models import ConsentReceipt
from alliage.selfdata.selectors import consent_states
from tests.factories import MembershipFactory, PersonFactory

from ..factories import team_member
from .factories import NewsletterFactory, consenting

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_team_writes_previews_counts_and_sends(django_capture_on_commit_callbacks):
    newsletter = NewsletterFactory()
    programme = newsletter.programme
    team = team_member(programme)
    adherent = consenting()
    MembershipFactory(organisation=None, person=adherent)
    consenting()
    client = client_of(team)
    page = client.get("/en/team/newsletters/").content.decode()
    assert newsletter.subject in page and "New newsletter" in page
    data = {
        "programme": programme.pk,
        "subject": "Lettre d'automne",
        "body": "Un **titre**",
        "adherents_only": "on",
    }
    preview = client.post("/en/team/newsletters/new/", {**data, "preview": "1"})
    assert preview.status_code == 200 and "<strong>titre</strong>" in preview.content.decode()
    assert not Newsletter.objects.filter(subject="Lettre d'automne").exists()
    response = client.post("/en/team/newsletters/new/", data)
    made = Newsletter.objects.get(subject="Lettre d'automne")
    assert response.status_code == 302 and made.adherents_only
    assert made.content_language == "fr"  # the form's default, also when not posted
    client.post(f"/en/team/newsletters/{made.pk}/", {**data, "content_language": "en"})
    made.refresh_from_db()
    assert made.content_language == "en"
    client.post(f"/en/team/newsletters/{made.pk}/", data)
    made.refresh_from_db()
    assert made.content_language == "en"  # a form posted without it keeps it
    edit = client.get(f"/en/team/newsletters/{made.pk}/").content.decode()
    assert "1 recipient<" in edit and "hx-params" in edit and "<strong>titre</strong>" in edit
    count = client.get(
        "/en/team/newsletters/audience/", {"programme": programme.pk, "adherents_only": "on"}
    )
    assert "1 recipient<" in count.content.decode()
    everyone = client.get("/en/team/newsletters/audience/", {"programme": programme.pk})
    assert "2 recipients" in everyone.content.decode()
    confirm = client.get(f"/en/team/newsletters/{made.pk}/send/")
    assert confirm.status_code == 200 and confirm.context["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/en/team/newsletters/{made.pk}/test/").status_code == 302
    assert mail.outbox[-1].to == [team.email]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/en/team/newsletters/{made.pk}/send/").status_code == 302
    assert [m.to for m in mail.outbox[1:]] == [[adherent.user.email]]
    made.refresh_from_db()
    assert made.status == NewsletterStatus.SENT
    # Sent, it can no longer be changed.
    client.post(f"/en/team/newsletters/{made.pk}/", {**data, "subject": "Autre"})
    made.refresh_from_db()
    assert made.subject == "Lettre d'automne"


def test_another_programmes_team_and_outsiders_are_refused():
    newsletter = NewsletterFactory()
    other = team_member(NewsletterFactory().programme)
    client = client_of(other)
    for url in (
        f"/en/team/newsletters/{newsletter.pk}/",
        f"/en/team/newsletters/{newsletter.pk}/send/",
    ):
        assert client.get(url).status_code == 404
    assert client.post(f"/en/team/newsletters/{newsletter.pk}/send/").status_code == 404
    assert client.post(f"/en/team/newsletters/{newsletter.pk}/test/").status_code == 404
    assert newsletter.subject not in client.get("/en/team/newsletters/").content.decode()
    # The count of another programme's audience is not given either.
    count = client.get("/en/team/newsletters/audience/", {"programme": newsletter.programme.pk})
    assert "Choose a programme" in count.content.decode()
    # Nor can they create one in it.
    client.post(
        "/en/team/newsletters/new/",
        {"programme": newsletter.programme.pk, "subject": "Intrus", "body": "x"},
    )
    assert not Newsletter.objects.filter(subject="Intrus").exists()
    outsider = client_of(PersonFactory().user)
    assert outsider.get("/en/team/newsletters/").status_code == 403


def test_the_lists_take_a_constant_number_of_queries(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme = NewsletterFactory().programme
    team_client = client_of(team_member(programme))
    urls = ("/en/team/newsletters/", f"/en/programmes/{programme.slug}/newsletters/")

    def counts() -> list[int]:
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert team_client.get(url).status_code == 200
            found.append(len(queries))
        return found

    NewsletterFactory(programme=programme, status=NewsletterStatus.SENT)
    few = counts()
    for _ in range(6):
        NewsletterFactory(programme=programme, status=NewsletterStatus.SENT)
    assert counts() == few
    with django_assert_max_num_queries(6):
        assert client.get(urls[1]).status_code == 200


def test_the_archive_shows_sent_newsletters_only(client):
    sent = NewsletterFactory(status=NewsletterStatus.SENT, subject="Envoyée", body="**Corps**")
    draft = NewsletterFactory(programme=sent.programme, subject="Brouillon")
    slug = sent.programme.slug
    page = client.get(f"/programmes/{slug}/newsletters/").content.decode()
    assert "Envoyée" in page and "Brouillon" not in page
    detail = client.get(f"/programmes/{slug}/newsletters/{sent.pk}/")
    assert "<strong>Corps</strong>" in detail.content.decode()
    english = client.get(f"/en/programmes/{slug}/newsletters/{sent.pk}/").content.decode()
    assert '<h1 lang="fr">Envoyée</h1>' in english and "Written in French" in english
    assert 'lang="fr"' not in detail.content.decode().split("<main", 1)[1]
    assert client.get(f"/programmes/{slug}/newsletters/{draft.pk}/").status_code == 404
    elsewhere = NewsletterFactory(status=NewsletterStatus.SENT)
    assert client.get(f"/programmes/{slug}/newsletters/{elsewhere.pk}/").status_code == 404
    assert f"/programmes/{slug}/newsletters/" in client.get(f"/programmes/{slug}/").content.decode()


def test_adherents_newsletter_then_one_click_unsubscribe_with_a_receipt(
    django_capture_on_commit_callbacks,
):
    """The issue's check: a newsletter to adhérents reaches only adhérents who consented; its
    unsubscribe link withdraws the consent and a receipt appears on /me/consents/."""
    newsletter = NewsletterFactory(adherents_only=True)
    team = team_member(newsletter.programme)
    adherent = consenting()
    MembershipFactory(organisation=None, person=adherent)
    not_consented = PersonFactory()
    MembershipFactory(organisation=None, person=not_consented)
    consenting()  # not an adhérent
    with django_capture_on_commit_callbacks(execute=True):
        client_of(team).post(f"/en/team/newsletters/{newsletter.pk}/send/")
    (message,) = mail.outbox
    assert message.to == [adherent.user.email]
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = "/" + url.split("//", 1)[1].split("/", 1)[1]
    anonymous = Client(enforce_csrf_checks=True)
    confirm = anonymous.get(path)
    assert confirm.status_code == 200 and "<form" in confirm.content.decode()
    assert ConsentReceipt.objects.filter(person=adherent, granted=False).count() == 0
    assert anonymous.post(path).status_code == 200
    assert ConsentReceipt.objects.filter(person=adherent, granted=False).count() == 1
    newsletter_state = next(
        s for s in consent_states(person=adherent) if s.purpose.code == "newsletter"
    )
    assert not newsletter_state.granted
    assert AuditEntry.objects.filter(action="newsletter.unsubscribed").exists()
    consents = client_of(adherent.user).get("/en/me/consents/").content.decode()
    assert "withdrawn" in consents.lower()  # the withdrawal's receipt
    # A second click changes nothing more.
    assert anonymous.post(path).status_code == 200
    assert ConsentReceipt.objects.filter(person=adherent, granted=False).count() == 1


def test_a_forged_or_foreign_token_is_a_400_page(client):
    person = consenting()
    forged = unsubscribe_token(user_id=person.user.pk, newsletter_id=1) + "x"
    for method in (client.get, client.post):
        assert method(reverse("newsletters:unsubscribe", args=[forged])).status_code == 400
    from alliage.notifications.tokens import unsubscribe_token as other_token

    foreign = other_token(user_id=person.user.pk, target="x")
    assert client.post(reverse("newsletters:unsubscribe", args=[foreign])).status_code == 400
    assert not ConsentReceipt.objects.filter(person=person, granted=False).exists()

"""Discussions: who reads and writes each thread, replies, mentions, edit history, deletion,
the notifications they send, and a constant number of queries per page of comments."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from alliage.coalitions.models import MemberRole
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.discussions import selectors, services
from alliage.discussions.models import Comment, CommentRevision
from alliage.discussions.selectors import PAGE_SIZE, place_of_target
from alliage.notifications.models import Notification
from tests.factories import (
    CoalitionFactory,
    CoalitionMemberFactory,
    PersonFactory,
    PublicationFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def thread_url(obj, channel):
    key = f"{obj._meta.app_label}.{obj._meta.model_name}"
    return reverse("discussions:thread", kwargs={"key": key, "pk": obj.pk, "channel": channel})


@pytest.fixture
def coalition():
    coalition = CoalitionFactory(title="Sobriété numérique")
    coalition.lead = CoalitionMemberFactory(
        coalition=coalition,
        role=MemberRole.LEAD,
        person=PersonFactory(first_name="Léa", last_name="Martin"),
    ).person
    coalition.member = CoalitionMemberFactory(
        coalition=coalition, person=PersonFactory(first_name="Omar", last_name="Diallo")
    ).person
    return coalition


def test_members_thread_is_read_and_written_by_members_only(client, coalition):
    place = place_of_target(coalition, "members")
    services.comment_post(place=place, by=coalition.member.user, body="Réunion jeudi ?")
    url = thread_url(coalition, "members")

    assert client.get(url).status_code == 404  # a visitor
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "Je m'invite"}).status_code == 404
    with pytest.raises(PermissionRefused):
        services.comment_post(place=place, by=outsider, body="Je m'invite")

    client.force_login(coalition.lead.user)
    page = client.get(url)
    assert page.status_code == 200
    assert "Réunion jeudi ?" in page.content.decode()
    assert Comment.objects.count() == 1


def test_public_thread_is_read_by_all_and_written_when_signed_in(client, coalition):
    url = thread_url(coalition, "public")
    response = client.get(url)
    assert response.status_code == 200
    assert "Connectez-vous pour participer" in response.content.decode()
    assert client.post(url, {"body": "Bonjour"}).status_code == 302  # to the log-in page
    assert Comment.objects.count() == 0
    client.force_login(UserFactory())
    response = client.post(url, {"body": "Bonjour"})
    assert response.status_code == 302
    assert Comment.objects.get().body == "Bonjour"


def test_a_mention_tells_the_lead_in_their_language_with_unsubscribe_headers(
    client, coalition, django_capture_on_commit_callbacks
):
    lead = coalition.lead.user
    lead.language = "en"
    lead.save()
    client.force_login(coalition.member.user)
    body = f"Qu'en penses-tu @[Léa Martin]({coalition.lead.pk}) ?"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            thread_url(coalition, "members"), {"body": body}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    comment = Comment.objects.get()
    person_url = reverse("actors:person-detail", kwargs={"pk": coalition.lead.pk})
    assert f'<a href="{person_url}"' in comment.html and "@Léa Martin" in comment.html
    told = Notification.objects.get(recipient=lead)
    assert told.kind == "discussions.mention"
    assert told.url.endswith(f"#comment-{comment.pk}")
    [message] = [m for m in mail.outbox if m.to == [lead.email]]
    assert message.subject == "Omar Diallo mentioned you in the discussion of Sobriété numérique."
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")


def test_a_mention_of_someone_who_cannot_read_the_thread_tells_nobody(coalition):
    outsider = PersonFactory(first_name="Zoé", last_name="Petit", is_listed=True)
    place = place_of_target(coalition, "members")
    comment = services.comment_post(
        place=place, by=coalition.member.user, body=f"@[Zoé Petit]({outsider.pk}) verrait ça"
    )
    assert not Notification.objects.filter(recipient=outsider.user).exists()
    assert "Zoé Petit" in comment.html


def test_an_unmentionable_person_is_plain_text_and_the_name_cannot_be_spoofed(coalition):
    hidden = PersonFactory(first_name="Secret", last_name="Person", is_listed=False)
    place = place_of_target(coalition, "public")
    author = UserFactory()
    comment = services.comment_post(
        place=place,
        by=author,
        body=f"@[Quelqu'un]({hidden.pk}) et @[Faux nom]({coalition.lead.pk})",
    )
    assert "/people/" + str(hidden.pk) not in comment.html
    assert "Secret" not in comment.html  # nobody learns the name behind a number
    assert "@Léa Martin" in comment.html  # a lead of a coalition one comments on: its circle
    assert "Faux nom" not in comment.html


def test_reply_notifies_the_parent_author_once_and_only_one_level(coalition):
    place = place_of_target(coalition, "public")
    first = services.comment_post(place=place, by=coalition.member.user, body="Une idée")
    other = UserFactory()
    reply = services.comment_post(place=place, by=other, body="Bonne idée", parent_id=first.pk)
    kinds = dict(
        Notification.objects.filter(recipient=coalition.member.user).values_list(
            "kind", "recipient"
        )
    )
    assert list(kinds) == ["discussions.reply"]
    lead_kinds = Notification.objects.filter(recipient=coalition.lead.user).values_list(
        "kind", flat=True
    )
    assert list(lead_kinds) == ["discussions.comment", "discussions.comment"]
    with pytest.raises(BusinessError):
        services.comment_post(place=place, by=other, body="Trop loin", parent_id=reply.pk)
    members = place_of_target(coalition, "members")
    with pytest.raises(BusinessError):  # a comment of another thread
        services.comment_post(place=members, by=coalition.lead.user, body="x", parent_id=first.pk)


def test_edit_keeps_the_history_and_delete_leaves_a_placeholder(client, coalition):
    place = place_of_target(coalition, "public")
    author = coalition.member.user
    comment = services.comment_post(place=place, by=author, body="Première version")
    services.comment_edit(
        comment=selectors.comment_get(pk=comment.pk), by=author, body="Version corrigée"
    )
    assert CommentRevision.objects.get().body == "Première version"
    client.force_login(UserFactory())
    history = client.get(reverse("discussions:comment-history", args=[comment.pk])).content.decode()
    assert "Première version" in history and "Version corrigée" in history
    with pytest.raises(PermissionRefused):
        services.comment_edit(
            comment=selectors.comment_get(pk=comment.pk), by=UserFactory(), body="Pirate"
        )
    assert client.post(reverse("discussions:comment-delete", args=[comment.pk])).status_code == 403

    client.force_login(author)
    response = client.post(reverse("discussions:comment-delete", args=[comment.pk]))
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.deleted and comment.body == "" and not CommentRevision.objects.exists()
    page = client.get(thread_url(coalition, "public")).content.decode()
    assert "Commentaire supprimé." in page and "Version corrigée" not in page


def test_a_lead_removes_a_comment_from_the_public_thread_and_it_is_audited(client, coalition):
    from alliage.core.models import AuditEntry

    place = place_of_target(coalition, "public")
    comment = services.comment_post(place=place, by=UserFactory(), body="Publicité")
    services.comment_delete(comment=selectors.comment_get(pk=comment.pk), by=coalition.lead.user)
    assert AuditEntry.objects.get(action="comment.removed").actor == coalition.lead.user


def test_empty_or_too_long_comment_is_refused_in_the_page_language(client, coalition):
    client.force_login(coalition.member.user)
    response = client.post(thread_url(coalition, "public"), {"body": "   "}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "Ce champ est obligatoire." in response.content.decode()
    en = "/en" + thread_url(coalition, "public")
    response = client.post(en, {"body": "x" * 10001})
    assert response.status_code == 400
    assert "at most 10000 characters" in response.content.decode()
    assert Comment.objects.count() == 0


def test_bad_targets_answer_404(client):
    client.force_login(UserFactory())
    for url in (
        "/discussions/core.user/1/public/",
        "/discussions/coalitions.coalition/999999999999999999999/public/",
        "/discussions/coalitions.coalition/1/nope/",
        reverse("discussions:comment-edit", args=[12345]),
    ):
        assert client.get(url).status_code == 404, url


def test_proposal_thread_is_between_its_author_and_the_team(client):
    submission = SubmissionFactory()
    team = PersonFactory().user
    submission.call.programme.team.add(team)
    place = place_of_target(submission, "private")
    services.comment_post(place=place, by=team, body="Pouvez-vous préciser le budget ?")
    assert Notification.objects.get(recipient=submission.person.user).kind == "discussions.comment"
    url = thread_url(submission, "private")
    client.force_login(submission.person.user)
    assert "préciser le budget" in client.get(url).content.decode()
    reviewer = UserFactory()
    submission.call.reviewers.add(reviewer)
    client.force_login(reviewer)
    assert client.get(url).status_code == 404


def test_publication_thread_notifies_its_authors(coalition):
    author = PersonFactory()
    publication = PublicationFactory()
    publication.author_people.add(author)
    services.comment_post(
        place=place_of_target(publication, "public"), by=UserFactory(), body="Merci"
    )
    assert Notification.objects.get(recipient=author.user).kind == "discussions.comment"


def test_mention_picker_offers_only_mentionable_people(client, coalition):
    PersonFactory(first_name="Léon", last_name="Caché", is_listed=False)
    url = reverse(
        "discussions:people",
        kwargs={"key": "coalitions.coalition", "pk": coalition.pk, "channel": "members"},
    )
    client.force_login(coalition.member.user)
    html = client.get(url, {"q": "Lé"}).content.decode()
    assert "Léa Martin" in html and "Léon" not in html
    client.force_login(UserFactory())
    assert client.get(url, {"q": "Lé"}).status_code == 404


def test_queries_of_a_thread_page_do_not_grow_with_its_length(
    client, coalition, django_assert_max_num_queries
):
    place = place_of_target(coalition, "public")
    url = thread_url(coalition, "public")
    client.force_login(coalition.lead.user)

    def fill(n):
        for i in range(n):
            comment = services.comment_post(place=place, by=UserFactory(), body=f"Commentaire {i}")
            services.comment_post(
                place=place, by=UserFactory(), body="Réponse", parent_id=comment.pk
            )

    fill(2)
    with django_assert_max_num_queries(20) as few:
        client.get(url, HTTP_HX_REQUEST="true")
    fill(PAGE_SIZE + 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.content.decode().count('class="comment"') == PAGE_SIZE * 2
    after = selectors.comments_page(place=place).next_after
    rest = client.get(url, {"after": after}, HTTP_HX_REQUEST="true").content.decode()
    assert rest.count('class="comment"') == (2 + PAGE_SIZE + 5 - PAGE_SIZE) * 2
    assert "Show more" not in rest and "Afficher plus" not in rest


def test_an_erased_author_s_comments_stay_under_the_anonymous_label(client, coalition):
    from alliage.selfdata.services import account_erase

    place = place_of_target(coalition, "public")
    author = coalition.member.user
    comment = services.comment_post(
        place=place, by=coalition.lead.user, body=f"Merci @[Omar Diallo]({coalition.member.pk})"
    )
    services.comment_post(place=place, by=author, body="Avec plaisir", parent_id=comment.pk)
    account_erase(user=author, by=None)
    page = client.get(thread_url(coalition, "public")).content.decode()
    assert "Avec plaisir" in page and "Ancien participant" in page
    assert "Omar" not in page  # nor in the comment that mentioned them
    assert not Comment.mentions.through.objects.filter(user=author).exists()


def test_a_comment_keeps_the_language_of_the_page_it_was_written_on(client, coalition):
    url = thread_url(coalition, "public")
    client.force_login(UserFactory())
    client.post(url, {"body": "Bonjour à tous"})
    client.post("/en" + url, {"body": "Hello all"})
    french, english = Comment.objects.order_by("pk")
    assert (french.content_language, english.content_language) == ("fr", "en")

    on_english_page = client.get("/en" + url).content.decode()
    assert '<div class="prose" lang="fr"><p>Bonjour à tous</p>' in on_english_page
    assert '<div class="prose"><p>Hello all</p>' in on_english_page
    on_french_page = client.get(url).content.decode()
    assert '<div class="prose" lang="en"><p>Hello all</p>' in on_french_page

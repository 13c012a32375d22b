"""Invitations: a lead invites, the invited person accepts from the e-mailed link and is a
member; the link works once, expires, respects consent and the daily limit."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from types import SimpleNamespace

import pytest
import time_machine
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.coalitions.models import CoalitionMember, MemberRole
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import AuditEntry, User
from alliage.follows.selectors import is_following
from alliage.invitations import services
from alliage.invitations.models import Invitation, InvitationState
from alliage.notifications.models import Notification
from tests.factories import (
    PASSWORD,
    AffiliationFactory,
    OrganisationFactory,
    PersonFactory,
)

from .conftest import Scene, link_of

pytestmark = pytest.mark.django_db

OTHER_ACCOUNT = (
    "This invitation is for another account: log out, then follow the link again and log in "
    "with the account of the address it was sent to."
)


def _invite(scene: Scene, capture, **kwargs) -> list[Invitation]:
    with capture(execute=True):
        return services.invitation_create(coalition=scene.coalition, by=scene.lead, **kwargs)


def test_lead_invites_a_suggested_person_who_accepts_from_the_link(
    scene: Scene, django_capture_on_commit_callbacks
) -> None:
    lead_client = Client()
    lead_client.force_login(scene.lead)
    page = reverse("invitations:invite", args=[scene.coalition.slug])
    assert "Ana Lopez" in lead_client.get(f"{page}?person={scene.invitee.pk}").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(
            page, {"person": scene.invitee.pk, "role": "member", "message": "Rejoignez-nous"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.person == scene.invitee and invitation.token_hash
    [message] = mail.outbox
    assert message.to == [scene.invitee.user.email]
    assert "Sobriété numérique" in message.subject
    link = link_of(message)
    assert link.split("/")[-2] not in invitation.token_hash  # only a digest is stored
    assert Notification.objects.filter(
        recipient=scene.invitee.user, kind="invitations.invitation"
    ).exists()

    invitee = Client()
    invitee.force_login(scene.invitee.user)
    opened = invitee.get(link)
    assert opened.status_code == 302 and opened["Location"] == invitation.get_absolute_url()
    page = invitee.get(opened["Location"])
    assert _("Accept and join") in page.content.decode()
    assert link.split("/")[-2] not in page.content.decode()  # the secret is in no page
    with django_capture_on_commit_callbacks(execute=True):
        accepted = invitee.post(invitation.get_absolute_url(), {"action": "accept"})
    assert accepted.status_code == 302
    member = CoalitionMember.objects.get(coalition=scene.coalition, person=scene.invitee)
    assert member.role == MemberRole.MEMBER
    assert is_following(user=scene.invitee.user, obj=scene.coalition)
    assert Notification.objects.filter(recipient=scene.lead, kind="invitations.accepted").exists()
    coalition_page = lead_client.get(scene.coalition.get_absolute_url()).content.decode()
    assert "Ana Lopez" in coalition_page and _("Accepted") in coalition_page

    again = Client().get(link)
    assert again.status_code == 410
    assert _("This invitation has already been accepted.") in again.content.decode()
    assert invitee.get(link).status_code == 410
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {
        "invitation.sent",
        "invitation.accepted",
        "coalition.join_accepted",
    }


def test_a_stranger_creates_their_account_from_the_link(
    scene: Scene, django_capture_on_commit_callbacks
) -> None:
    [invitation] = _invite(scene, django_capture_on_commit_callbacks, email="Nouvelle@Example.org")
    assert invitation.person is None and invitation.email == "nouvelle@example.org"
    client = Client()
    page = client.get(link_of(mail.outbox[0]), follow=True)
    assert _("Create your account to accept") in page.content.decode()
    weak = client.post(
        invitation.get_absolute_url(),
        {
            "action": "accept",
            "first_name": "Léa",
            "last_name": "Martin",
            "password1": "123",
            "password2": "123",
        },
    )
    assert weak.status_code == 200 and not User.objects.filter(email="nouvelle@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            invitation.get_absolute_url(),
            {
                "action": "accept",
                "first_name": "Léa",
                "last_name": "Martin",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert done.status_code == 302
    user = User.objects.get(email="nouvelle@example.org")
    assert user.is_active and user.email_confirmed
    assert CoalitionMember.objects.filter(coalition=scene.coalition, person__user=user).exists()
    assert client.get(reverse("myspace:home")).status_code == 200  # signed in
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.ACCEPTED


def test_decline_is_one_click_without_logging_in(
    scene: Scene, django_capture_on_commit_callbacks
) -> None:
    [invitation] = _invite(scene, django_capture_on_commit_callbacks, person=scene.invitee)
    client = Client()
    link = link_of(mail.outbox[0])
    page = client.get(link, follow=True)
    assert _("Decline") in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invitation.get_absolute_url(), {"action": "decline"})
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.DECLINED
    assert Notification.objects.filter(recipient=scene.lead, kind="invitations.declined").exists()
    assert not CoalitionMember.objects.filter(person=scene.invitee).exists()
    assert client.get(link).status_code == 410
    assert client.get(invitation.get_absolute_url()).status_code == 404  # the proof is spent


def test_an_expired_link_is_refused_with_a_clear_page(
    scene: Scene, django_capture_on_commit_callbacks
) -> None:
    [invitation] = _invite(scene, django_capture_on_commit_callbacks, person=scene.invitee)
    link = link_of(mail.outbox[0])
    with time_machine.travel(timezone.now() + dt.timedelta(days=15)):
        response = Client().get(link)
        assert response.status_code == 410
        assert (
            _("This invitation has expired: ask the coalition for another.")
            in response.content.decode()
        )
        with pytest.raises(BusinessError):
            services.invitation_accept(invitation=invitation, by=scene.invitee.user)
    assert not CoalitionMember.objects.filter(person=scene.invitee).exists()


def test_a_forged_link_is_a_400_page() -> None:
    response = Client().get(reverse("invitations:invitation-link", args=["forged"]))
    assert response.status_code == 400
    assert _("This invitation link is not valid: check that it is complete.") in (
        unescape(response.content.decode())
    )


def test_a_revoked_link_no_longer_works(scene: Scene, django_capture_on_commit_callbacks) -> None:
    [invitation] = _invite(scene, django_capture_on_commit_callbacks, person=scene.invitee)
    lead = Client()
    lead.force_login(scene.lead)
    response = lead.post(reverse("invitations:invitation-revoke", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.REVOKED
    assert Client().get(link_of(mail.outbox[0])).status_code == 410


def test_consent_to_be_contacted_is_required(scene: Scene) -> None:
    with pytest.raises(BusinessError, match=_("This person does not accept to be contacted.")):
        services.invitation_create(coalition=scene.coalition, by=scene.lead, person=scene.shy)
    assert not Invitation.objects.exists()


def test_an_address_with_an_account_is_never_revealed(
    scene: Scene, django_capture_on_commit_callbacks
) -> None:
    """The answer is the same; someone who does not accept contact is sent nothing."""
    shy = _invite(scene, django_capture_on_commit_callbacks, email=scene.shy.user.email)
    assert shy[0].person == scene.shy and not shy[0].delivered
    assert mail.outbox == [] and not Notification.objects.exists()
    lead = Client()
    lead.force_login(scene.lead)
    page = reverse("invitations:invite", args=[scene.coalition.slug])
    answers = []
    for email in (scene.shy.user.email, "personne@example.org"):
        Invitation.objects.all().delete()
        response = lead.post(page, {"email": email, "role": "member"}, follow=True)
        body = response.content.decode().replace(email, "ADDRESS")
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
        # signed values carry the second they were made in (the follow button's target)
        body = re.sub(r'value="[\w\-]+:[\w\-]+:[\w\-]+"', "", body)
        answers.append(re.sub(r"/invitations/\d+/", "", body))
    assert answers[0] == answers[1]
    known = _invite(scene, django_capture_on_commit_callbacks, email=scene.invitee.user.email)
    assert known[0].person == scene.invitee and known[0].delivered
    assert mail.outbox[-1].to == [scene.invitee.user.email]


def test_an_organisation_invites_its_contactable_people(
    scene: Scene, django_capture_on_commit_callbacks
) -> None:
    organisation = OrganisationFactory()
    yes = AffiliationFactory(organisation=organisation, person__is_contactable=True).person
    AffiliationFactory(organisation=organisation, person__is_contactable=False)
    sent = _invite(scene, django_capture_on_commit_callbacks, organisation=organisation)
    assert [(i.person, i.organisation) for i in sent] == [(yes, organisation)]
    assert [m.to for m in mail.outbox] == [[yes.user.email]]
    services.invitation_accept(invitation=sent[0], by=yes.user)
    member = CoalitionMember.objects.get(person=yes)
    assert member.organisation == organisation

    nobody = OrganisationFactory(name="Personne ici")
    AffiliationFactory(organisation=nobody, person__is_contactable=False)
    with pytest.raises(BusinessError, match="Personne ici"):
        services.invitation_create(coalition=scene.coalition, by=scene.lead, organisation=nobody)


def test_invitations_are_limited_per_lead(scene: Scene, settings) -> None:
    settings.ALLIAGE_INVITATION_DAILY_LIMIT = 2
    for n in range(2):
        services.invitation_create(coalition=scene.coalition, by=scene.lead, email=f"a{n}@x.org")
    with pytest.raises(BusinessError, match="24"):
        services.invitation_create(coalition=scene.coalition, by=scene.lead, email="c@x.org")
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, minutes=1)):
        services.invitation_create(coalition=scene.coalition, by=scene.lead, email="c@x.org")


def test_a_non_lead_may_not_invite_nor_revoke(scene: Scene) -> None:
    with pytest.raises(PermissionRefused):
        services.invitation_create(coalition=scene.coalition, by=scene.member, email="a@x.org")
    [invitation] = services.invitation_create(
        coalition=scene.coalition, by=scene.lead, email="a@x.org"
    )
    member = Client()
    member.force_login(scene.member)
    page = reverse("invitations:invite", args=[scene.coalition.slug])
    assert member.get(page).status_code == 403
    assert member.post(page, {"email": "b@x.org", "role": "member"}).status_code == 403
    revoke = reverse("invitations:invitation-revoke", args=[invitation.pk])
    assert member.post(revoke).status_code == 404
    assert Client().get(page).status_code == 302  # to the log-in page
    assert "Invitations" not in member.get(scene.coalition.get_absolute_url()).content.decode()


def test_someone_else_may_not_accept_nor_see_an_invitation(
    scene: Scene, django_capture_on_commit_callbacks
) -> None:
    [invitation] = _invite(scene, django_capture_on_commit_callbacks, person=scene.invitee)
    other = Client()
    other.force_login(PersonFactory().user)
    assert other.get(invitation.get_absolute_url()).status_code == 404
    assert other.post(invitation.get_absolute_url(), {"action": "accept"}).status_code == 404
    # holding the link while logged in as another account: a clear refusal, no membership
    other.get(link_of(mail.outbox[0]))
    page = other.get(invitation.get_absolute_url())
    assert _(OTHER_ACCOUNT) in unescape(page.content.decode())
    other.post(invitation.get_absolute_url(), {"action": "accept"})
    assert not CoalitionMember.objects.filter(person=scene.invitee).exists()
    with pytest.raises(PermissionRefused):
        services.invitation_accept(invitation=invitation, by=scene.member)


def test_an_inviter_who_no_longer_leads_voids_the_invitation(scene: Scene) -> None:
    [invitation] = services.invitation_create(
        coalition=scene.coalition, by=scene.lead, person=scene.invitee
    )
    CoalitionMember.objects.filter(person__user=scene.lead).update(role=MemberRole.MEMBER)
    with pytest.raises(BusinessError):
        services.invitation_accept(invitation=invitation, by=scene.invitee.user)


def test_matching_panel_offers_invite_to_leads_only(scene: Scene) -> None:
    suggestion = SimpleNamespace(
        actor=scene.invitee,
        kind_label="",
        reason=SimpleNamespace(terms=["sobriété"], tags=[], adds_kind=""),
    )
    invite = reverse("invitations:invite", args=[scene.coalition.slug])
    for user, shown in ((scene.lead, True), (scene.member, False)):
        html = render_to_string(
            "matching/_invite.html",
            {"suggestions": [suggestion], "coalition": scene.coalition, "user": user},
        )
        assert (f"{invite}?person={scene.invitee.pk}" in html) is shown


def test_invitations_list_costs_constant_queries(
    scene: Scene, django_assert_max_num_queries
) -> None:
    lead = Client()
    lead.force_login(scene.lead)
    url = scene.coalition.get_absolute_url()
    services.invitation_create(coalition=scene.coalition, by=scene.lead, email="a@x.org")
    lead.get(url)
    with django_assert_max_num_queries(60) as few:
        lead.get(url)
    for _n in range(8):
        services.invitation_create(
            coalition=scene.coalition, by=scene.lead, person=PersonFactory(is_contactable=True)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Invitations" in lead.get(url).content.decode()


def test_english_pages(scene: Scene, django_capture_on_commit_callbacks) -> None:
    scene.invitee.user.language = "en"
    scene.invitee.user.save()
    _invite(scene, django_capture_on_commit_callbacks, person=scene.invitee)
    assert mail.outbox[0].subject.startswith("Invitation to join")
    response = Client().get("/en" + reverse("invitations:invitation-link", args=["forged"]))
    assert "This invitation link is not valid" in response.content.decode()

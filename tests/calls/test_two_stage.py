"""Two-stage calls: the idea stage's retained proposals are invited, with their text, to
answer the project stage."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from alliage.calls import services
from alliage.calls.audit import AuditAction
from alliage.calls.models import Submission, SubmissionStatus
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import AuditEntry

from ..clients import client_for
from ..factories import CallFactory, OrganisationFactory, PersonFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stages():
    """A decided idea call, its team, and a team-only project stage that follows it."""
    now = timezone.now()
    idea = CallFactory(
        kind="ideas",
        opens_at=now - dt.timedelta(days=60),
        closes_at=now - dt.timedelta(days=30),
        decided_at=now - dt.timedelta(days=1),
    )
    team = PersonFactory().user
    idea.programme.team.add(team)
    project = CallFactory(
        programme=idea.programme, idea_stage=idea, visibility="team", asks=["diagnostic"]
    )
    return idea, project, team


def retained(idea, language="fr", **fields):
    return SubmissionFactory(
        call=idea,
        person=PersonFactory(user__language=language),
        decision="accepted",
        partners_sought="Une commune",
        **fields,
    )


def test_inviting_creates_the_drafts_with_their_text_once(
    stages, django_capture_on_commit_callbacks
) -> None:
    idea, project, team = stages
    organisation = OrganisationFactory()
    origin = retained(idea, organisation=organisation, title="Ressourcerie")
    SubmissionFactory(call=idea, decision="rejected")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.call_invite_retained(call=idea, project=project, by=team) == 1
    draft = Submission.objects.get(call=project)
    assert draft.invited_from == origin and draft.status == SubmissionStatus.DRAFT
    assert (draft.person, draft.organisation) == (origin.person, organisation)
    for name in ("title", "summary", "diagnostic", "impact", "partners_sought"):
        assert getattr(draft, name) == getattr(origin, name)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.call_invite_retained(call=idea, project=project, by=team) == 0
    assert Submission.objects.filter(call=project).count() == 1
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action=AuditAction.CALL_PROPOSALS_INVITED).count() == 2


def test_the_email_goes_in_the_recipients_language(
    stages, django_capture_on_commit_callbacks
) -> None:
    idea, project, team = stages
    english = retained(idea, language="en", title="Repair café")
    french = retained(idea, language="fr")
    client = client_for(team)
    response = client.get(f"/calls/{idea.slug}/invite/confirm/")
    assert response.status_code == 200 and b"Repair caf" in response.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/calls/{idea.slug}/invite/", {"confirm": "yes", "project": project.pk}
        )
    assert response.status_code == 302
    by_to = {m.to[0]: m for m in mail.outbox}
    en = by_to[english.person.user.email]
    assert en.subject == f"You are invited to the project stage: {project.title}"
    assert "“Repair café” was retained" in en.body
    assert f"/en/calls/{project.slug}/submit/" in en.body
    fr = by_to[french.person.user.email]
    assert f"/calls/{project.slug}/submit/" in fr.body and "/en/" not in fr.body


def test_an_invitee_of_a_team_only_call_can_send_and_an_outsider_cannot(
    stages, django_capture_on_commit_callbacks
) -> None:
    idea, project, team = stages
    origin = retained(idea)
    with django_capture_on_commit_callbacks(execute=True):
        services.call_invite_retained(call=idea, project=project, by=team)
    invitee = client_for(origin.person.user)
    url = f"/en/calls/{project.slug}/submit/"
    assert invitee.get(f"/en/calls/{project.slug}/").status_code == 200
    assert invitee.get(url).status_code == 200
    data = {"title": origin.title, "summary": origin.summary, "diagnostic": "Mis à jour"}
    response = invitee.post(url, {**data, "action": "submit"})
    assert response.status_code == 302
    draft = Submission.objects.get(call=project)
    assert draft.status == SubmissionStatus.SUBMITTED and draft.diagnostic == "Mis à jour"

    outsider = client_for(PersonFactory().user)
    assert outsider.get(f"/en/calls/{project.slug}/").status_code == 404
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {**data, "action": "submit"}).status_code == 404
    # Someone retained in another idea call gains nothing here either.
    other = retained(CallFactory(decided_at=timezone.now()))
    assert client_for(other.person.user).get(url).status_code == 404
    assert Submission.objects.filter(call=project).count() == 1


def test_the_usual_rules_apply_to_the_invitee(stages, django_capture_on_commit_callbacks) -> None:
    idea, project, team = stages
    origin = retained(idea, diagnostic="")
    with django_capture_on_commit_callbacks(execute=True):
        services.call_invite_retained(call=idea, project=project, by=team)
    invitee = client_for(origin.person.user)
    response = invitee.post(
        f"/en/calls/{project.slug}/submit/",
        {"title": origin.title, "summary": origin.summary, "action": "submit"},
    )
    assert response.status_code == 200  # the diagnostic the project stage asks for is missing
    assert Submission.objects.get(call=project).status == SubmissionStatus.DRAFT


def test_the_team_of_another_programme_cannot_invite(stages) -> None:
    idea, project, _team = stages
    retained(idea)
    other = PersonFactory().user
    CallFactory().programme.team.add(other)
    client = client_for(other)
    # The idea call is public: they see it, and are refused its team's action.
    assert client.get(f"/calls/{idea.slug}/invite/confirm/").status_code == 403
    response = client.post(f"/calls/{idea.slug}/invite/", {"confirm": "yes", "project": project.pk})
    assert response.status_code == 403
    with pytest.raises(PermissionRefused):
        services.call_invite_retained(call=idea, project=project, by=other)
    assert not Submission.objects.filter(call=project).exists()


def test_nothing_is_invited_before_the_decisions_are_published(stages) -> None:
    idea, project, team = stages
    retained(idea)
    idea.decided_at = None
    idea.save()
    with pytest.raises(BusinessError):
        services.call_invite_retained(call=idea, project=project, by=team)


def test_the_settings_offer_only_calls_of_the_same_programme(stages) -> None:
    idea, project, team = stages
    elsewhere = CallFactory(title="Ailleurs")
    elsewhere.programme.team.add(team)
    response = client_for(team).get(f"/en/team/calls/{project.slug}/")
    choices = [c.pk for c in response.context["form"].fields["idea_stage"].queryset]
    assert choices == [idea.pk]
    with pytest.raises(BusinessError):
        services.call_update(call=project, by=team, idea_stage=elsewhere)

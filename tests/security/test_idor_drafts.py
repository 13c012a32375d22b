"""Unsent drafts are their authors' alone (F11): the programme's team, a reviewer assigned by
mistake or another submitter never open one by its number, on any page or file address."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from alliage.calls.models import Assignment, Submission

from ..factories import CallFactory, PersonFactory, SubmissionFactory
from .world import PDF

pytestmark = pytest.mark.django_db

SECRET = "C-DRAFT-SECRET"


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def draft(settings, tmp_path) -> Submission:
    settings.MEDIA_ROOT = tmp_path
    call = CallFactory()
    return SubmissionFactory(
        call=call, title=SECRET, summary=SECRET, status="draft", submitted_at=None,
        attachment=SimpleUploadedFile("brouillon.pdf", PDF),
    )  # fmt: skip


def intruders(submission: Submission) -> dict[str, Client]:
    team, reviewer, other = PersonFactory().user, PersonFactory().user, PersonFactory().user
    submission.call.programme.team.add(team)
    submission.call.reviewers.add(reviewer)
    Assignment.objects.create(submission=submission, reviewer=reviewer)
    SubmissionFactory(call=submission.call, person=other.person)
    return {"team": client_for(team), "reviewer": client_for(reviewer), "other": client_for(other)}


@pytest.mark.parametrize("path", ["", "attachment/", "review/"])
def test_a_draft_is_refused_to_everyone_but_its_author(draft: Submission, path: str) -> None:
    url = f"/en/calls/submissions/{draft.pk}/{path}"
    for role, client in intruders(draft).items():
        response = client.get(url)
        assert response.status_code == 404, (role, url, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert SECRET.encode() not in body and PDF not in body, (role, url)
    author = client_for(draft.person.user)
    assert author.get(f"/en/calls/submissions/{draft.pk}/").status_code == 200


def test_a_draft_withdrawn_before_it_was_sent_stays_private(draft: Submission) -> None:
    Submission.objects.filter(pk=draft.pk).update(status="withdrawn")
    team = intruders(draft)["team"]
    assert team.get(f"/en/calls/submissions/{draft.pk}/").status_code == 404
    assert team.get(f"/en/calls/submissions/{draft.pk}/attachment/").status_code == 404


def test_a_sent_then_withdrawn_proposal_stays_with_the_team(draft: Submission) -> None:
    from django.utils import timezone

    Submission.objects.filter(pk=draft.pk).update(status="withdrawn", submitted_at=timezone.now())
    team = intruders(draft)["team"]
    assert team.get(f"/en/calls/submissions/{draft.pk}/").status_code == 200


def test_the_team_cannot_decide_or_assign_on_a_draft(draft: Submission) -> None:
    clients = intruders(draft)
    team = clients["team"]
    reviewer = Assignment.objects.get(submission=draft).reviewer
    assert team.post(f"/en/calls/submissions/{draft.pk}/decide/",
                     {"decision": "accepted"}).status_code == 404  # fmt: skip
    assert team.post(f"/en/calls/submissions/{draft.pk}/assign/",
                     {"reviewer": reviewer.pk}).status_code == 404  # fmt: skip
    draft.refresh_from_db()
    assert draft.decision == ""

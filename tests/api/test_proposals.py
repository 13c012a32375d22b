"""A call's proposals in the API: its programme team reads the sent ones with their answers to
the call's questions (files by name only); drafts never; anyone else gets 404 (IDOR)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from alliage.calls.models import Answer, Assignment, Question, SubmissionStatus

from ..factories import CallFactory, PersonFactory, ProgrammeFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    programme = ProgrammeFactory()
    team = PersonFactory().user
    programme.team.add(team)
    call = CallFactory(programme=programme)
    questions = [
        Question.objects.create(call=call, kind="short", label_fr="Territoire", position=1),
        Question.objects.create(
            call=call, kind="choices", label_fr="Leviers", choices=["a", "b"], position=2
        ),
        Question.objects.create(call=call, kind="number", label_fr="Budget", position=3),
        Question.objects.create(call=call, kind="file", label_fr="Budget détaillé", position=4),
    ]
    sent = SubmissionFactory(call=call, title="Envoyée", submitted_at=dt.datetime.now(tz=dt.UTC))
    Answer.objects.create(submission=sent, question=questions[0], value="Lyon")
    Answer.objects.create(submission=sent, question=questions[1], value=["a", "b"])
    Answer.objects.create(submission=sent, question=questions[2], value=1500)
    Answer.objects.create(
        submission=sent,
        question=questions[3],
        file="calls/answers/0f/secret-storage-name.pdf",
        file_name="budget.pdf",
    )
    draft = SubmissionFactory(call=call, title="Brouillon", status=SubmissionStatus.DRAFT)
    return {"programme": programme, "team": team, "call": call, "sent": sent, "draft": draft}


def get(client: Client, url: str, header: str | None):
    return client.get(url, headers={"Authorization": header} if header else {})


def test_the_team_lists_the_sent_proposals_never_the_drafts(world, token) -> None:
    client = Client()
    url = f"/api/v1/calls/{world['call'].slug}/proposals"
    body = get(client, url, token(world["team"])).json()
    assert body["count"] == 1
    assert [p["title"] for p in body["results"]] == ["Envoyée"]
    assert body["results"][0]["author"] == str(world["sent"].person)
    assert set(body) == {"count", "count_exact", "page", "page_size", "next", "previous", "results"}
    paged = get(client, url + "?page_size=1&page=2", token(world["team"])).json()
    assert paged["results"] == [] and paged["previous"]


def test_one_proposal_with_its_answers_files_by_name_only(world, token) -> None:
    client = Client()
    call, sent = world["call"], world["sent"]
    response = get(client, f"/api/v1/calls/{call.slug}/proposals/{sent.pk}", token(world["team"]))
    assert response.status_code == 200
    body = response.json()
    answers = {a["label_fr"]: a for a in body["answers"]}
    assert [a["position"] for a in body["answers"]] == [1, 2, 3, 4]
    assert answers["Territoire"]["value"] == "Lyon"
    assert answers["Leviers"]["value"] == ["a", "b"]
    assert answers["Budget"]["value"] == 1500
    assert answers["Budget détaillé"] == {
        "position": 4,
        "kind": "file",
        "label_fr": "Budget détaillé",
        "label_en": "",
        "value": None,
        "file_name": "budget.pdf",
        "text": "budget.pdf",
    }
    assert "secret-storage-name" not in response.content.decode()
    assert "/attachment" not in response.content.decode()


def test_a_draft_is_never_served_even_to_the_team(world, token) -> None:
    url = f"/api/v1/calls/{world['call'].slug}/proposals/{world['draft'].pk}"
    assert get(Client(), url, token(world["team"])).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_team", "reviewer", "author"])
def test_anyone_but_the_calls_team_gets_404(world, token, who) -> None:
    call, sent = world["call"], world["sent"]
    if who == "anonymous":
        header = None
    elif who == "outsider":
        header = token(PersonFactory().user)
    elif who == "other_team":
        other = PersonFactory().user
        ProgrammeFactory().team.add(other)
        header = token(other)
    elif who == "reviewer":
        # A reviewer reads the proposal on the site, under the review rules; the API gives
        # them neither the list nor the authors' names.
        reviewer = PersonFactory().user
        Assignment.objects.create(submission=sent, reviewer=reviewer)
        header = token(reviewer)
    else:
        header = token(sent.person.user)
    client = Client()
    for url in (
        f"/api/v1/calls/{call.slug}/proposals",
        f"/api/v1/calls/{call.slug}/proposals/{sent.pk}",
    ):
        response = get(client, url, header)
        assert response.status_code == 404, (who, url)
        assert sent.title not in response.content.decode()


def test_a_proposal_of_another_call_is_not_reached_through_mine(world, token) -> None:
    theirs = SubmissionFactory(submitted_at=dt.datetime.now(tz=dt.UTC))
    url = f"/api/v1/calls/{world['call'].slug}/proposals/{theirs.pk}"
    assert get(Client(), url, token(world["team"])).status_code == 404


def test_a_huge_id_is_refused_not_a_database_error(world, token) -> None:
    url = f"/api/v1/calls/{world['call'].slug}/proposals/{2**63}"
    assert get(Client(), url, token(world["team"])).status_code == 422

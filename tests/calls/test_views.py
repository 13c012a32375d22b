from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse

from alliage.calls import services
from alliage.calls.models import Submission, SubmissionStatus

from ..clients import client_for
from ..factories import (
    CallFactory,
    CriterionFactory,
    PersonFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_calls_list_shows_open_calls_first() -> None:
    now = dt.datetime.now(tz=dt.UTC)
    CallFactory(
        title="Clos", opens_at=now - dt.timedelta(days=40), closes_at=now - dt.timedelta(days=5)
    )
    CallFactory(
        title="Bientôt", opens_at=now + dt.timedelta(days=5), closes_at=now + dt.timedelta(days=30)
    )
    CallFactory(title="Ouvert")
    CallFactory(title="Brouillon", visibility="team")
    titles = [c.title for c in Client().get("/calls/").context["page"].object_list]
    assert titles == ["Ouvert", "Bientôt", "Clos"]


def test_call_page_has_a_clear_deadline_in_paris_time() -> None:
    call = CallFactory(
        closes_at=dt.datetime(2027, 3, 31, 21, 59, tzinfo=dt.UTC),
        opens_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    body = Client().get(call.get_absolute_url()).content.decode()
    assert "31 mars 2027, 23:59" in body
    english = Client().get("/en" + call.get_absolute_url()).content.decode()
    assert "Closes on" in english and "31 March 2027, 23:59" in english
    assert Client().get("/calls/no-such-call/").status_code == 404


def test_submission_form_autosave_and_send() -> None:
    call = CallFactory()
    user = PersonFactory().user
    client = client_for(user)
    url = reverse("calls:submission-edit", args=[call.slug])
    assert client.get(url).status_code == 200
    saved = client.post(
        reverse("calls:submission-autosave", args=[call.slug]),
        {"title": "Brouillon tapé", "summary": "En cours"},
        HTTP_HX_REQUEST="true",
    )
    assert "Brouillon enregistré" in saved.content.decode()
    assert Submission.objects.get().status == SubmissionStatus.DRAFT
    response = client.post(
        url,
        {"title": "Projet", "summary": "Résumé", "diagnostic": "D", "impact": "I",
         "action": "submit"},
    )  # fmt: skip
    submission = Submission.objects.get()
    assert response["Location"] == submission.get_absolute_url()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_showing_the_submission_form_creates_no_person_saving_it_does() -> None:
    from alliage.actors.models import Person

    call = CallFactory()
    user = UserFactory()
    client = client_for(user)
    url = reverse("calls:submission-edit", args=[call.slug])
    assert client.get(url).status_code == 200
    assert not Person.objects.filter(user=user).exists()
    client.post(url, {"title": "Projet", "summary": "Résumé", "action": "save"})
    assert Submission.objects.get().person == Person.objects.get(user=user)


def test_a_wrong_attachment_shows_a_field_error_and_keeps_the_text() -> None:
    call = CallFactory(asks=["attachment"])
    client = client_for(PersonFactory().user)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("calls:submission-edit", args=[call.slug]),
        {"title": "Mon projet", "summary": "Texte précieux", "action": "save",
         "attachment": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ce type de fichier" in body and "Texte précieux" in body
    assert not Submission.objects.exists()


def make_review(submission, reviewer, value, submit=True):
    assignment = services.assignment_create(
        submission=submission, reviewer=reviewer, by=UserFactory(is_superuser=True)
    )
    criteria = {c.pk: value for c in submission.call.criteria.all()}
    services.review_save(
        assignment=assignment, by=reviewer, scores=criteria, comment=f"avis {value}", submit=submit
    )
    return assignment


def test_review_is_blind_until_ones_own_is_submitted() -> None:
    call = CallFactory()
    CriterionFactory(call=call)
    submission = SubmissionFactory(call=call)
    early, late = PersonFactory().user, PersonFactory().user
    make_review(submission, early, 5)
    make_review(submission, late, 1, submit=False)
    client = client_for(late)
    for url in (
        submission.get_absolute_url(),
        reverse("calls:review-form", args=[submission.pk]),
        reverse("calls:reviewer-queue"),
        reverse("calls:ranking", args=[call.slug]),
        reverse("calls:ranking", args=[call.slug]) + "?format=csv",
    ):
        body = client.get(url).content.decode()
        assert "avis 5" not in body and "5/5" not in body, url
    assignment = submission.assignments.get(reviewer=late)
    services.review_save(
        assignment=assignment,
        by=late,
        scores={c.pk: 1 for c in call.criteria.all()},
        comment="avis 1",
        submit=True,
    )
    assert "avis 5" in client.get(submission.get_absolute_url()).content.decode()


def test_reviewers_see_only_their_assignments_and_not_when_conflicted() -> None:
    submission = SubmissionFactory()
    stranger = PersonFactory().user
    assert client_for(stranger).get(submission.get_absolute_url()).status_code == 404
    assert Client().get(submission.get_absolute_url()).status_code == 404
    reviewer = PersonFactory().user
    make_review(submission, reviewer, 3, submit=False)
    assert client_for(reviewer).get(submission.get_absolute_url()).status_code == 200
    client_for(reviewer).post(reverse("calls:conflict-declare", args=[submission.pk]))
    assert client_for(reviewer).get(submission.get_absolute_url()).status_code == 404


def closed_call():
    now = dt.datetime.now(tz=dt.UTC)
    return CallFactory(opens_at=now - dt.timedelta(days=20), closes_at=now - dt.timedelta(hours=1))


def test_accepted_projects_are_public_once_decided() -> None:
    submission = SubmissionFactory(call=closed_call(), title="Projet retenu")
    team = UserFactory()
    submission.call.programme.team.add(team)
    services.decision_record(submission=submission, by=team, decision="accepted")
    submission.refresh_from_db()
    assert Client().get(submission.get_absolute_url()).status_code == 404
    assert submission.coalition is None  # born when the decisions are published
    call = submission.call
    services.call_publish_decisions(call=call, by=team)
    submission.refresh_from_db()
    assert Client().get(submission.coalition.get_absolute_url()).status_code == 200
    assert Client().get(submission.get_absolute_url()).status_code == 200
    assert "Projet retenu" in Client().get(call.get_absolute_url()).content.decode()


def test_ranking_csv_and_team_only() -> None:
    call = CallFactory()
    CriterionFactory(call=call, name="Profondeur")
    for value in (4, 2):
        make_review(SubmissionFactory(call=call, title=f"=P{value}"), PersonFactory().user, value)
    url = reverse("calls:ranking", args=[call.slug])
    assert client_for(PersonFactory().user).get(url).status_code == 403
    team = UserFactory()
    call.programme.team.add(team)
    response = client_for(team).get(url, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Rang", "Titre", "Organisation", "Score pondéré (%)"]
    assert [r[1] for r in rows[1:]] == ["'=P4", "'=P2"]
    assert rows[1][3] == "80.0"
    page = client_for(team).get(url, {"sort": "title"})
    assert [r.submission.title for r in page.context["rows"]] == ["=P2", "=P4"]


def test_decision_through_the_page_is_recorded_without_a_coalition_yet() -> None:
    submission = SubmissionFactory(call=closed_call())
    team = UserFactory()
    submission.call.programme.team.add(team)
    url = reverse("calls:decide", args=[submission.pk])
    assert client_for(submission.person.user).post(url, {"decision": "accepted"}).status_code == 403
    client_for(team).post(
        url, {"decision": "accepted", "message": "Bienvenue", "accept_unreviewed": "on"}
    )  # nobody reviewed it: accepting it is confirmed
    submission.refresh_from_db()
    assert submission.decision == "accepted" and submission.coalition is None


def test_a_junk_reviewer_id_is_refused_without_error() -> None:
    submission = SubmissionFactory()
    team = UserFactory()
    submission.call.programme.team.add(team)
    url = reverse("calls:assign-reviewer", args=[submission.pk])
    for value in ("abc", "", "999999999999999999999999", "-3"):
        assert client_for(team).post(url, {"reviewer": value}).status_code == 302


@pytest.mark.parametrize(
    ("path", "method"),
    [("review/", "post"), ("attachment/", "get"), ("withdraw/", "post"), ("decide/", "post"),
     ("assign/", "post")],
)  # fmt: skip
def test_another_users_submission_id_gives_nothing(path: str, method: str) -> None:
    """With the method the view serves, a 404; with the other, a 404 or a 405 (the view does
    not answer that method at all, whoever asks)."""
    submission = SubmissionFactory()
    intruder = client_for(PersonFactory().user)
    url = f"/calls/submissions/{submission.pk}/{path}"
    other = "get" if method == "post" else "post"
    assert getattr(intruder, method)(url).status_code == 404
    assert getattr(intruder, other)(url).status_code in (404, 405)


def test_ranking_and_list_query_counts_do_not_grow() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call = CallFactory()
    CriterionFactory(call=call)
    CriterionFactory(call=call)
    team = UserFactory()
    call.programme.team.add(team)
    client = client_for(team)
    counts = []
    for n in (3, 25):
        for _ in range(n):
            make_review(SubmissionFactory(call=call), PersonFactory().user, 3)
        CallFactory(programme=call.programme)
        with CaptureQueriesContext(connection) as ranking:
            assert client.get(reverse("calls:ranking", args=[call.slug])).status_code == 200
        with CaptureQueriesContext(connection) as listing:
            assert client.get("/calls/").status_code == 200
        counts.append((len(ranking), len(listing)))
    assert counts[0] == counts[1], counts

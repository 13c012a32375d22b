"""Sending a proposal or a review: what sending needs is marked beforehand, a refusal lands on
each empty field (aria-invalid, an error its field points to, the summary in role="alert"),
and nothing typed is lost. The review form states each criterion's scale."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from alliage.calls.models import Assignment, Submission, SubmissionStatus

from ..clients import client_for
from ..factories import CallFactory, CriterionFactory, PersonFactory, SubmissionFactory
from .factories import QuestionFactory

pytestmark = pytest.mark.django_db


def tag(body: str, name: str) -> str:
    """The opening tag of the widget named ``name``."""
    match = re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>', body)
    assert match, name
    return match.group(0)


def assert_tied(body: str, name: str, message: str) -> None:
    """The field is marked invalid and points to its error, which says ``message``."""
    widget = tag(body, name)
    assert 'aria-invalid="true"' in widget
    described = re.search(r'aria-describedby="([^"]+)"', widget)
    assert described and f"id_{name}_error" in described.group(1).split()
    error = body.split(f'id="id_{name}_error"')[1].split("</ul>")[0]
    assert message in error


def test_the_proposal_form_marks_what_sending_needs() -> None:
    call = CallFactory(asks=["diagnostic"])
    QuestionFactory(call=call, kind="short", label_fr="Territoire", required=True)
    QuestionFactory(call=call, kind="short", label_fr="Remarques")
    body = client_for(PersonFactory().user).get(f"/en/calls/{call.slug}/submit/").content.decode()
    assert "Fields marked * are required to send the proposal" in body
    marked = body.count('<span class="visually-hidden">(required to send)</span>')
    assert marked == 4  # title, summary, diagnostic, Territoire; not Remarques nor impact
    label = body.split('for="id_diagnostic"')[1].split("</label>")[0]
    assert "(required to send)" in label
    assert 'name="impact"' not in body  # not asked by this call


def test_sending_an_incomplete_proposal_ties_each_error_to_its_field_and_keeps_the_draft() -> None:
    call = CallFactory(asks=["diagnostic", "impact"])
    question = QuestionFactory(call=call, kind="short", label_fr="Territoire", required=True)
    several = QuestionFactory(
        call=call, kind="choices", label_fr="Milieux", choices=["Eau", "Air"], required=True
    )
    client = client_for(PersonFactory().user)
    response = client.post(
        f"/en/calls/{call.slug}/submit/",
        {"title": "Isoler les écoles", "summary": "", "diagnostic": "Des écoles froides.",
         "action": "submit"},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200
    alert = body.split('role="alert"')[1].split("</div>")[0]
    assert "Before sending, fill in: summary, targeted impact, Territoire, Milieux." in alert
    assert "Your draft is saved" in alert
    for name in ("summary", "impact", question.field_name):
        assert_tied(body, name, "Fill this in to send the proposal.")
    fieldset = body.split("<legend>Milieux")[0].rsplit("<fieldset", 1)[1]
    assert f"id_{several.field_name}_error" in fieldset  # the group points to its error
    assert "aria-invalid" not in tag(body, "diagnostic")  # filled: no error on it
    assert "Des écoles froides." in body and 'value="Isoler les écoles"' in body
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.DRAFT
    assert submission.diagnostic == "Des écoles froides."


def test_a_sent_proposal_emptied_shows_the_error_on_the_field() -> None:
    person = PersonFactory()
    submission = SubmissionFactory(call=CallFactory(asks=["diagnostic"]), person=person)
    response = client_for(person.user).post(
        f"/en/calls/{submission.call.slug}/submit/",
        {"title": submission.title, "summary": "Résumé", "diagnostic": "", "action": "save"},
    )
    body = response.content.decode()
    assert_tied(body, "diagnostic", "Fill this in to send the proposal.")
    submission.refresh_from_db()
    assert submission.diagnostic == "Un diagnostic."  # a sent proposal does not empty itself


def reviewer_on(**criterion):
    now = dt.datetime.now(tz=dt.UTC)
    call = CallFactory(opens_at=now - dt.timedelta(days=30), closes_at=now - dt.timedelta(hours=1))
    first = CriterionFactory(call=call, name="Impact", scale=5, **criterion)
    second = CriterionFactory(call=call, name="Faisabilité", scale=4)
    submission = SubmissionFactory(call=call, title="Isoler les écoles")
    user = PersonFactory().user
    assignment = Assignment.objects.create(submission=submission, reviewer=user)
    return client_for(user), submission, assignment, first, second


def test_the_review_form_states_each_scale_and_marks_what_sending_needs() -> None:
    client, submission, _a, first, second = reviewer_on(guidance="Combien d'écoles ?")
    body = client.get(f"/en/calls/submissions/{submission.pk}/review/").content.decode()
    help_first = body.split(f'id="id_{first.field_name}_helptext"')[1].split("</p>")[0]
    assert "From 0 (weakest) to 5 (strongest)." in help_first
    assert "Combien d&#x27;écoles ?" in help_first
    assert f'aria-describedby="id_{first.field_name}_helptext"' in tag(body, first.field_name)
    select = body.split(f'name="{second.field_name}"')[1].split("</select>")[0]
    assert "Not scored yet" in select and "0 — weakest" in select and "4 — strongest" in select
    assert ">5<" not in select  # its own scale, 0 to 4
    assert "Criteria marked * must be scored to send your review" in body
    assert body.count("(required to send)") == 2


def test_sending_an_unscored_review_ties_the_error_and_keeps_a_draft() -> None:
    client, submission, assignment, first, second = reviewer_on()
    response = client.post(
        f"/en/calls/submissions/{submission.pk}/review/",
        {first.field_name: "4", second.field_name: "", "comment": "Solide.", "action": "submit"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    alert = body.split('role="alert"')[1].split("</div>")[0]
    assert "Score every criterion before submitting your review." in alert
    assert_tied(body, second.field_name, "Score this criterion to send your review.")
    assert "aria-invalid" not in tag(body, first.field_name)
    assert 'value="4" selected' in body and "Solide." in body
    assignment.refresh_from_db()
    assert assignment.submitted_at is None and assignment.comment == "Solide."
    assert {s.criterion_id: s.value for s in assignment.scores.all()} == {first.pk: 4}


def test_similar_coalitions_show_beside_the_form() -> None:
    call = CallFactory()
    body = client_for(PersonFactory().user).get(f"/en/calls/{call.slug}/submit/").content.decode()
    # after the title and summary, before the other fields (on a wide screen, on their right)
    aside = body.index('<aside class="similar-aside"')
    assert body.index('name="summary"') < aside < body.index('name="diagnostic"')
    assert aside < body.index('id="similar-results"') < body.index('value="save"')
    assert 'class="form-card with-aside"' in body

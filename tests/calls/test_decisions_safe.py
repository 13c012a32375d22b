"""Decisions are safe: the form once the call is closed, no outcome chosen in advance, what was
typed kept on a refusal, a warning without reviews, publishing confirmed on its own page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from alliage.calls.models import Assignment, Decision
from alliage.coalitions.models import Coalition

from ..clients import client_for
from ..factories import CallFactory, CriterionFactory, PersonFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def en(name: str, *args, query: str = "") -> str:
    with translation.override("en"):
        return reverse(name, args=args) + query


def setup(closed: bool = True):
    now = dt.datetime.now(tz=dt.UTC)
    if closed:
        call = CallFactory(
            opens_at=now - dt.timedelta(days=30), closes_at=now - dt.timedelta(hours=1)
        )
    else:
        call = CallFactory()
    CriterionFactory(call=call)
    submission = SubmissionFactory(call=call, title="Isoler les écoles")
    team = UserFactory()
    call.programme.team.add(team)
    return call, submission, client_for(team)


def test_the_decision_form_waits_for_the_close() -> None:
    _call, submission, team = setup(closed=False)
    body = team.get(en("calls:submission-detail", submission.pk)).content.decode()
    assert 'name="decision"' not in body
    assert "Decisions are made once the call has closed" in body


def test_no_outcome_is_preselected_and_no_review_warns() -> None:
    _call, submission, team = setup()
    body = team.get(en("calls:submission-detail", submission.pk)).content.decode()
    assert body.count('type="radio" name="decision"') == 3
    assert " checked" not in body.split('id="decision-title"')[1].split("</section>")[0]
    assert "No review has been submitted for this proposal yet" in body


def test_a_submitted_review_lifts_the_warning() -> None:
    _call, submission, team = setup()
    reviewer = PersonFactory().user
    Assignment.objects.create(
        submission=submission, reviewer=reviewer, submitted_at=dt.datetime.now(tz=dt.UTC)
    )
    body = team.get(en("calls:submission-detail", submission.pk)).content.decode()
    assert "No review has been submitted" not in body


def test_a_refusal_keeps_the_typed_text() -> None:
    _call, submission, team = setup()
    response = team.post(
        en("calls:decide", submission.pk), {"message": "Merci pour ce projet solide."}, follow=True
    )
    body = response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"/decision/?proposal={submission.pk}")
    assert "Merci pour ce projet solide." in body  # kept in the textarea
    assert "This field is required." in body and " checked" not in body.split("<form")[2]
    submission.refresh_from_db()
    assert submission.decision == ""


def test_a_business_refusal_keeps_the_text_and_the_choice() -> None:
    _call, submission, team = setup(closed=False)  # still open: refused by the service
    response = team.post(
        en("calls:decide", submission.pk),
        {"decision": "waitlisted", "message": "Presque."},
        follow=True,
    )
    body = response.content.decode()
    assert "Presque." in body and 'value="waitlisted" required checked' in body
    assert "once the call has closed" in body


def test_the_decision_page_refuses_another_calls_proposal() -> None:
    call, _submission, team = setup()
    elsewhere = SubmissionFactory(call=CallFactory(programme=call.programme))
    other_programme = SubmissionFactory()
    for pk in (elsewhere.pk, other_programme.pk, "abc", 10**20):
        url = en("calls:decision-form", call.slug, query=f"?proposal={pk}")
        assert team.get(url).status_code == 404
    outsider = client_for(UserFactory())
    url = en(
        "calls:decision-form", other_programme.call.slug, query=f"?proposal={other_programme.pk}"
    )
    assert outsider.get(url).status_code == 403


def test_publishing_asks_for_confirmation_then_the_coalition_is_born() -> None:
    call, submission, team = setup()
    team.post(
        en("calls:decide", submission.pk),
        {"decision": Decision.ACCEPTED, "message": "", "accept_unreviewed": "on"},
    )  # nobody reviewed it: accepting it is confirmed
    assert not Coalition.objects.exists()
    # A POST without the confirmation only leads to the confirmation page.
    response = team.post(en("calls:publish-decisions", call.slug))
    assert response["Location"] == en("calls:publish-confirm", call.slug)
    call.refresh_from_db()
    assert call.decided_at is None
    page = team.get(en("calls:publish-confirm", call.slug)).content.decode()
    assert "Publish the decisions?" in page and "1 submitter" in page
    assert "1 proposal has no submitted review" in page
    team.post(en("calls:publish-decisions", call.slug), {"confirm": "yes"})
    call.refresh_from_db()
    coalition = Coalition.objects.get()
    assert call.decided_at is not None and coalition.is_published


def test_publishing_is_not_offered_with_undecided_proposals() -> None:
    call, _submission, team = setup()
    page = team.get(en("calls:publish-confirm", call.slug)).content.decode()
    assert "1 proposal still waits for a decision" in page
    assert 'name="confirm"' not in page  # nothing to confirm yet
    team.post(en("calls:publish-decisions", call.slug), {"confirm": "yes"})
    call.refresh_from_db()
    assert call.decided_at is None


def test_the_ranking_links_to_the_confirmation_not_a_bare_post() -> None:
    call, _submission, team = setup()
    body = team.get(en("calls:ranking", call.slug)).content.decode()
    assert f'href="{en("calls:publish-confirm", call.slug)}"' in body
    assert f'action="{en("calls:publish-decisions", call.slug)}"' not in body


def test_the_decision_page_shows_the_reviews_with_their_comments() -> None:
    call, submission, team = setup()
    Assignment.objects.create(
        submission=submission,
        reviewer=PersonFactory().user,
        submitted_at=dt.datetime.now(tz=dt.UTC),
        comment="Partenaires solides.",
    )
    url = en("calls:decision-form", call.slug, query=f"?proposal={submission.pk}")
    body = team.get(url).content.decode()
    assert "Partenaires solides." in body and "No review has been submitted" not in body
    assert body.count('type="radio" name="decision"') == 3 and " checked" not in body

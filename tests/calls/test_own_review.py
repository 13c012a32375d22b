"""A reviewer reads their own sent review again, read-only (m17): their scores, their comment,
the date sent and the proposal as they saw it; the queue links to it. One rule decides it
(``calls.read_own_review``): nobody else reads it, not another reviewer, not a reviewer since
found conflicted, not the team; the service still refuses to change a sent review."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from alliage.calls import services
from alliage.calls.models import Assignment
from alliage.core.errors import BusinessError, PermissionRefused

from ..clients import client_for
from ..factories import (
    AffiliationFactory,
    CallFactory,
    CriterionFactory,
    OrganisationFactory,
    PersonFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def url(name: str, pk: int, *, language: str = "fr") -> str:
    with translation.override(language):
        return reverse(name, args=[pk])


def proposal_block(body: str) -> str:
    block = body.split('<div class="review-proposal">', 1)[1].split("</div>", 1)[0]
    return re.sub(r"\s+", " ", block)


@pytest.fixture
def review():
    now = timezone.now()
    call = CallFactory(
        opens_at=now - dt.timedelta(days=30),
        closes_at=now - dt.timedelta(hours=1),
        review_due_at=now + dt.timedelta(days=5),
    )
    impact = CriterionFactory(call=call, name="Impact", scale=5, position=0)
    team_fit = CriterionFactory(call=call, name="Équipe", scale=5, position=1)
    organisation = OrganisationFactory(name="Les Ateliers du Clic")
    submitter = AffiliationFactory(organisation=organisation).person
    submission = SubmissionFactory(
        call=call,
        person=submitter,
        organisation=organisation,
        title="Réparer les smartphones",
        summary="Un atelier mobile de réparation.",
    )
    reviewer = PersonFactory().user
    assignment = Assignment.objects.create(submission=submission, reviewer=reviewer)
    return {
        "submission": submission,
        "reviewer": reviewer,
        "assignment": assignment,
        "criteria": (impact, team_fit),
        "organisation": organisation,
    }


def send(review, *, comment: str = "Projet solide, à accompagner.") -> None:
    impact, team_fit = review["criteria"]
    services.review_save(
        assignment=review["assignment"],
        by=review["reviewer"],
        scores={impact.pk: 4, team_fit.pk: 2},
        comment=comment,
        submit=True,
    )


def test_the_reviewer_reads_their_sent_review_in_french_and_english(review) -> None:
    submission, reviewer = review["submission"], review["reviewer"]
    client = client_for(reviewer)
    as_seen = proposal_block(client.get(url("calls:review-form", submission.pk)).content.decode())
    send(review)
    french = client.get(url("calls:review-form", submission.pk))
    assert french.status_code == 200
    body = french.content.decode()
    assert "Mon évaluation" in body and "Vous n&#x27;avez pas accès" not in body
    assert "4/5" in body and "2/5" in body and "Projet solide, à accompagner." in body
    assert "Impact" in body and "Équipe" in body
    sent = review["assignment"].__class__.objects.get(pk=review["assignment"].pk).submitted_at
    assert sent is not None and str(sent.astimezone(timezone.get_current_timezone()).year) in body
    assert 'name="comment"' not in body and "<textarea" not in body  # read-only
    # The proposal exactly as in the review form, the applicant shown or hidden alike.
    assert proposal_block(body) == as_seen
    english = client.get(url("calls:review-form", submission.pk, language="en"))
    assert english.status_code == 200 and "My review" in english.content.decode()


def test_the_queue_and_the_proposal_link_to_the_sent_review(review) -> None:
    submission, reviewer = review["submission"], review["reviewer"]
    send(review)
    client = client_for(reviewer)
    queue = client.get("/calls/reviews/").content.decode()
    link = url("calls:review-form", submission.pk)
    assert re.search(rf'<a href="{link}">Envoyée\s?: la relire</a>', queue)
    english = client.get("/en/calls/reviews/").content.decode()
    english_link = url("calls:review-form", submission.pk, language="en")
    assert f'<a href="{english_link}">Submitted: read it</a>' in english
    detail = client.get(url("calls:submission-detail", submission.pk)).content.decode()
    assert link in detail


def test_it_stays_readable_once_the_decisions_are_published(review) -> None:
    send(review)
    call = review["submission"].call
    call.decided_at = timezone.now()
    call.save(update_fields=["decided_at"])
    page = client_for(review["reviewer"]).get(url("calls:review-form", review["submission"].pk))
    assert page.status_code == 200 and "4/5" in page.content.decode()


def test_a_sent_review_does_not_change_through_the_page_or_the_service(review) -> None:
    submission, reviewer = review["submission"], review["reviewer"]
    send(review)
    impact, team_fit = review["criteria"]
    response = client_for(reviewer).post(
        url("calls:review-form", submission.pk),
        {f"c{impact.pk}": "0", f"c{team_fit.pk}": "0", "comment": "Changé", "action": "submit"},
    )
    assert response.status_code == 302
    with pytest.raises((BusinessError, PermissionRefused)):
        services.review_save(
            assignment=review["assignment"],
            by=reviewer,
            scores={impact.pk: 0},
            comment="Changé",
            submit=False,
        )
    assignment = Assignment.objects.get(pk=review["assignment"].pk)
    assert assignment.comment == "Projet solide, à accompagner."
    assert sorted(assignment.scores.values_list("value", flat=True)) == [2, 4]


def test_another_reviewer_of_the_same_call_does_not_read_it(review) -> None:
    send(review)
    other = PersonFactory().user
    Assignment.objects.create(
        submission=SubmissionFactory(call=review["submission"].call), reviewer=other
    )
    response = client_for(other).get(url("calls:review-form", review["submission"].pk))
    assert response.status_code in (403, 404)
    assert "Projet solide" not in response.content.decode()
    assert not other.has_perm("calls.read_own_review", review["submission"])


def test_a_reviewer_found_conflicted_after_sending_no_longer_reads_it(review) -> None:
    send(review)
    reviewer = review["reviewer"]
    AffiliationFactory(organisation=review["organisation"], person=reviewer.person)
    response = client_for(reviewer).get(url("calls:review-form", review["submission"].pk))
    assert response.status_code in (403, 404)
    assert "Projet solide" not in response.content.decode()


def test_a_team_member_conflicted_with_the_proposal_does_not_read_their_review(review) -> None:
    """The team sees the proposal, but a conflicted reviewer's own review stays closed."""
    send(review)
    reviewer = review["reviewer"]
    review["submission"].call.programme.team.add(reviewer)
    AffiliationFactory(organisation=review["organisation"], person=reviewer.person)
    response = client_for(reviewer).get(url("calls:review-form", review["submission"].pk))
    assert response.status_code == 403


def test_the_team_and_admins_have_no_review_page_of_their_own(review) -> None:
    from ..factories import UserFactory

    send(review)
    team = PersonFactory().user
    review["submission"].call.programme.team.add(team)
    admin = UserFactory(is_superuser=True, is_staff=True)
    page = url("calls:review-form", review["submission"].pk)
    assert client_for(team).get(page).status_code == 403
    assert client_for(admin).get(page).status_code == 404

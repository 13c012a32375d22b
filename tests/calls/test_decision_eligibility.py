"""One eligibility for deciding (``Call.is_deciding``): the pages offer the decision form and
the publishing button only once the call has closed and until the decisions are published, and
the services refuse outside it. Accepting a proposal nobody reviewed asks to be confirmed."""

from __future__ import annotations

import datetime as dt

import pytest

from alliage.calls import services
from alliage.calls.models import Assignment, Decision
from alliage.core.errors import BusinessError

from ..clients import client_for
from ..factories import CallFactory, CriterionFactory, PersonFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime.now(tz=dt.UTC)


def setup(*, closes_in: dt.timedelta, decided: bool = False):
    call = CallFactory(
        opens_at=NOW - dt.timedelta(days=30),
        closes_at=NOW + closes_in,
        decided_at=NOW if decided else None,
    )
    CriterionFactory(call=call, name="Impact de la coalition sur les écoles")
    submission = SubmissionFactory(call=call, title="Isoler les écoles")
    team = UserFactory()
    call.programme.team.add(team)
    return call, submission, team


@pytest.mark.parametrize(
    ("closes_in", "decided", "deciding"),
    [
        (dt.timedelta(days=3), False, False),  # open
        (-dt.timedelta(hours=1), False, True),  # closed, under review
        (-dt.timedelta(days=3), True, False),  # decided
    ],
)
def test_the_pages_and_the_services_read_the_same_eligibility(closes_in, decided, deciding):
    call, submission, team = setup(closes_in=closes_in, decided=decided)
    assert call.is_deciding is deciding
    client = client_for(team)
    ranking = client.get(f"/en/calls/{call.slug}/ranking/").content.decode()
    assert ("Publish the decisions</a>" in ranking) is deciding
    assert (f"?proposal={submission.pk}" in ranking) is deciding  # "Decide"
    detail = client.get(f"/en/calls/submissions/{submission.pk}/").content.decode()
    assert ('name="decision"' in detail) is deciding
    page = client.get(f"/en/calls/{call.slug}/decision/?proposal={submission.pk}")
    assert ('name="decision"' in page.content.decode()) is deciding
    confirm = client.get(f"/en/calls/{call.slug}/publish/confirm/").content.decode()
    assert 'name="confirm"' not in confirm  # the proposal is undecided: nothing to publish yet
    if not deciding:
        with pytest.raises(BusinessError):
            services.decision_record(submission=submission, by=team, decision=Decision.REJECTED)
    else:
        services.decision_record(submission=submission, by=team, decision=Decision.REJECTED)


def test_an_open_call_with_nothing_to_decide_cannot_be_published() -> None:
    call = CallFactory()
    team = UserFactory()
    call.programme.team.add(team)
    client = client_for(team)
    confirm = client.get(f"/en/calls/{call.slug}/publish/confirm/").content.decode()
    assert 'name="confirm"' not in confirm and "once the call has closed" in confirm
    ranking = client.get(f"/en/calls/{call.slug}/ranking/").content.decode()
    assert "Publish the decisions</a>" not in ranking and "once the call has closed" in ranking
    client.post(f"/en/calls/{call.slug}/publish/", {"confirm": "yes"})
    call.refresh_from_db()
    assert call.decided_at is None
    with pytest.raises(BusinessError):
        services.call_publish_decisions(call=call, by=team)


def test_accepting_an_unreviewed_proposal_asks_for_confirmation() -> None:
    _call, submission, team = setup(closes_in=-dt.timedelta(hours=1))
    client = client_for(team)
    detail = client.get(f"/en/calls/submissions/{submission.pk}/").content.decode()
    assert "accepting it asks you to confirm" in detail and 'name="accept_unreviewed"' in detail
    response = client.post(
        f"/en/calls/submissions/{submission.pk}/decide/",
        {"decision": Decision.ACCEPTED, "message": "Bienvenue."},
        follow=True,
    )
    body = response.content.decode()
    assert "tick the box to accept it all the same" in body
    assert "Bienvenue." in body and 'value="accepted" required checked' in body
    submission.refresh_from_db()
    assert submission.decision == ""
    client.post(
        f"/en/calls/submissions/{submission.pk}/decide/",
        {"decision": Decision.ACCEPTED, "message": "Bienvenue.", "accept_unreviewed": "on"},
    )
    submission.refresh_from_db()
    assert submission.decision == Decision.ACCEPTED


def test_other_outcomes_and_reviewed_proposals_need_no_confirmation() -> None:
    _call, submission, team = setup(closes_in=-dt.timedelta(hours=1))
    other = SubmissionFactory(call=submission.call)
    Assignment.objects.create(submission=other, reviewer=PersonFactory().user, submitted_at=NOW)
    client = client_for(team)
    client.post(f"/en/calls/submissions/{submission.pk}/decide/", {"decision": "rejected"})
    detail = client.get(f"/en/calls/submissions/{other.pk}/").content.decode()
    assert 'name="accept_unreviewed"' not in detail
    client.post(f"/en/calls/submissions/{other.pk}/decide/", {"decision": "accepted"})
    submission.refresh_from_db()
    other.refresh_from_db()
    assert submission.decision == Decision.REJECTED and other.decision == Decision.ACCEPTED

"""The events that notify, besides join requests: a canvas change and a new milestone
(followers), milestones and measurements due (leads), a call closing on a draft, reviews
assigned, decisions published, a seat freed; the reminders are made once however often the
hourly command runs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from alliage.agenda.services import registration_cancel, registration_create
from alliage.calls.services import assignment_create, call_publish_decisions, decision_record
from alliage.coalitions.models import MemberRole
from alliage.coalitions.services import MilestoneData, coalition_update_canvas
from alliage.follows.selectors import is_following
from alliage.follows.services import follow_add
from alliage.notifications.digests import reminders_send
from alliage.notifications.kinds import get_kind
from alliage.notifications.models import Notification
from tests.factories import (
    CallFactory,
    CoalitionFactory,
    CoalitionMemberFactory,
    EventFactory,
    IndicatorFactory,
    MilestoneFactory,
    PersonFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def kinds_of(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_canvas_change_and_new_milestone_tell_followers_but_private_notes_do_not():
    coalition = CoalitionFactory(title="Sobriété numérique")
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person.user
    follower = PersonFactory().user
    follow_add(user=follower, obj=coalition)

    coalition_update_canvas(coalition=coalition, by=lead, data={"members_notes": "Entre nous"})
    assert kinds_of(follower) == []

    coalition_update_canvas(
        coalition=coalition,
        by=lead,
        data={"diagnostic": "Un constat précisé."},
        milestones=[MilestoneData(title="Premier atelier", due_date=None, status="planned")],
    )
    assert sorted(kinds_of(follower)) == ["coalitions.canvas_changed", "coalitions.milestone_added"]
    added = Notification.objects.get(kind="coalitions.milestone_added")
    assert get_kind(added.kind).render(added.context) == (
        "Sobriété numérique a fixé un nouveau jalon : Premier atelier."
    )
    assert kinds_of(lead) == []  # who made the change is not told of it


def test_unpublished_coalition_tells_only_following_members():
    coalition = CoalitionFactory(is_published=False)
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person.user
    member = CoalitionMemberFactory(coalition=coalition).person.user
    former_reader = PersonFactory().user
    for user in (member, former_reader):
        follow_add(user=user, obj=coalition, check=False)
    coalition_update_canvas(coalition=coalition, by=lead, data={"summary": "Autre résumé"})
    assert kinds_of(member) == ["coalitions.canvas_changed"]
    assert kinds_of(former_reader) == []


def test_milestone_due_then_overdue_tells_the_leads_once_each(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))
    coalition = CoalitionFactory()
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person.user
    member = CoalitionMemberFactory(coalition=coalition).person.user
    MilestoneFactory(coalition=coalition, title="Atelier", due_date=dt.date(2026, 3, 6))
    MilestoneFactory(coalition=coalition, title="Lointain", due_date=dt.date(2026, 6, 1))
    MilestoneFactory(coalition=coalition, title="Fait", due_date=dt.date(2026, 3, 3), status="done")
    reminders_send()
    reminders_send()
    assert kinds_of(lead) == ["coalitions.milestone_due"]
    assert kinds_of(member) == []
    time_machine.move_to(dt.datetime(2026, 3, 9, 9, tzinfo=dt.UTC))
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(kinds_of(lead)) == ["coalitions.milestone_due", "coalitions.milestone_overdue"]


def test_measurement_due_tells_the_leads_once():
    indicator = IndicatorFactory(baseline_date=timezone.localdate() - dt.timedelta(days=200))
    lead = CoalitionMemberFactory(coalition=indicator.coalition, role=MemberRole.LEAD).person.user
    IndicatorFactory(coalition=indicator.coalition, baseline_date=timezone.localdate())
    reminders_send()
    reminders_send()
    assert kinds_of(lead) == ["evaluation.measurement_due"]


def test_call_closing_in_three_days_tells_the_author_of_an_unsent_draft_once():
    now = timezone.now()
    closing = CallFactory(closes_at=now + dt.timedelta(days=2))
    later = CallFactory(closes_at=now + dt.timedelta(days=10))
    draft = SubmissionFactory(call=closing, status="draft", submitted_at=None)
    SubmissionFactory(call=later, status="draft", submitted_at=None, person=draft.person)
    sent = SubmissionFactory(call=closing)
    reminders_send()
    reminders_send()
    assert kinds_of(draft.person.user) == ["calls.draft_closing"]
    assert kinds_of(sent.person.user) == []


def test_review_assigned_and_decisions_published_reach_the_centre():
    call = CallFactory(closes_at=timezone.now() - dt.timedelta(days=1))
    team = PersonFactory().user
    call.programme.team.add(team)
    reviewer = PersonFactory().user
    call.reviewers.add(reviewer)
    submission = SubmissionFactory(call=call)
    assignment_create(submission=submission, reviewer=reviewer, by=team)
    assert kinds_of(reviewer) == ["calls.review_assigned"]
    decision_record(submission=submission, by=team, decision="rejected", message="Merci")
    call_publish_decisions(call=call, by=team)
    assert kinds_of(submission.person.user) == ["calls.decisions_published"]


def test_sending_a_proposal_and_registering_follow_automatically():
    from alliage.calls.services import submission_submit

    call = CallFactory(asks=[])
    draft = SubmissionFactory(call=call, status="draft", submitted_at=None)
    submission_submit(submission=draft, by=draft.person.user)
    assert is_following(user=draft.person.user, obj=call)
    event = EventFactory()
    person = PersonFactory()
    registration_create(event=event, by=person.user)
    assert is_following(user=person.user, obj=event)


def test_a_seat_freed_from_the_waiting_list_reaches_the_centre():
    event = EventFactory(capacity=1)
    first, second = PersonFactory(), PersonFactory()
    seat = registration_create(event=event, by=first.user)
    registration_create(event=event, by=second.user)
    registration_cancel(registration=seat, by=first.user)
    assert kinds_of(second.user) == ["agenda.seat_freed"]

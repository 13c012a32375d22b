"""Reviewers are run: the assignment e-mail, the due date, reminders claimed once, the team's
view of who is late and its "remind now", expertise in automatic assignment."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from alliage.calls import selectors, services
from alliage.calls.assignment import plan_assignments
from alliage.calls.audit import AuditAction
from alliage.calls.models import Assignment, ReviewReminder
from alliage.core.models import AuditEntry
from alliage.matching import store

from ..clients import client_for
from ..factories import CallFactory, CriterionFactory, PersonFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 4, 10, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fresh_index():
    store.index_forget()
    yield
    store.index_forget()


def review_call(n_submissions=3, reviewers=("fr", "en"), **fields):
    fields.setdefault("opens_at", NOW - dt.timedelta(days=40))
    fields.setdefault("closes_at", NOW - dt.timedelta(days=10))
    fields.setdefault("review_due_at", NOW + dt.timedelta(days=10))
    call = CallFactory(title="Appel sobriété", reviewers_per_submission=2, **fields)
    CriterionFactory(call=call)
    people = [PersonFactory(user__language=lang) for lang in reviewers]
    call.reviewers.set([p.user for p in people])
    for _ in range(n_submissions):
        SubmissionFactory(call=call)
    team = UserFactory()
    call.programme.team.add(team)
    return call, [p.user for p in people], team


# --- The assignment e-mail -------------------------------------------------------------------


def test_each_reviewer_gets_one_mail_per_run_in_their_language(
    django_capture_on_commit_callbacks,
) -> None:
    call, (french, english), team = review_call(3)
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        created, short = services.assignments_auto(call=call, by=team)
    assert (created, short) == (6, [])
    assert len(mail.outbox) == 2  # one per reviewer, not one per proposal
    by_to = {m.to[0]: m for m in mail.outbox}
    fr, en = by_to[french.email], by_to[english.email]
    # French wording comes with the catalogue; the French date and address do not.
    assert "Appel sobriété" in fr.subject and "3" in fr.body and "20 avril 2027" in fr.body
    assert "/calls/reviews/" in fr.body and "/en/" not in fr.body
    assert en.subject == "Proposals to review for the call “Appel sobriété”"
    assert "You are asked to review 3 proposals" in en.body
    assert "Reviews are due by 20 April 2027" in en.body
    assert "/en/calls/reviews/" in en.body


def test_no_mail_for_a_rolled_back_run(django_capture_on_commit_callbacks) -> None:
    call, _reviewers, team = review_call(2)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.assignments_auto(call=call, by=team)
        transaction.set_rollback(True)
    assert mail.outbox == [] and not Assignment.objects.exists()


def test_a_second_run_with_nothing_new_sends_nothing(django_capture_on_commit_callbacks) -> None:
    call, _reviewers, team = review_call(2)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignments_auto(call=call, by=team)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.assignments_auto(call=call, by=team) == (0, [])
    assert mail.outbox == []


def test_a_hand_assignment_mails_that_reviewer(django_capture_on_commit_callbacks) -> None:
    call, (french, _english), team = review_call(1)
    submission = call.submissions.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_create(submission=submission, reviewer=french, by=team)
        services.assignment_create(submission=submission, reviewer=french, by=team)  # again
    assert [m.to for m in mail.outbox] == [[french.email]]


# --- Reminders -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "stage"),
    [(-dt.timedelta(days=4), None), (-dt.timedelta(days=2), "soon"), (dt.timedelta(0), "late-1"),
     (dt.timedelta(days=2), "late-1"), (dt.timedelta(days=3), "late-2"),
     (dt.timedelta(days=8), "late-3"), (dt.timedelta(days=9), None)],
)  # fmt: skip
def test_reminder_stages(offset, stage) -> None:
    assert services.reminder_stage(NOW, NOW + offset) == stage


def test_reminders_go_once_to_who_has_reviews_left(django_capture_on_commit_callbacks) -> None:
    call, (french, english), team = review_call(2, reviewers=("en", "fr"))
    services.assignments_auto(call=call, by=team)
    done = Assignment.objects.filter(reviewer=english)
    done.update(submitted_at=NOW)  # this reviewer has finished; the other, "french", not
    mail.outbox.clear()
    soon = call.review_due_at - dt.timedelta(days=2)
    with time_machine.travel(soon, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.review_reminders_enqueue() == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert services.review_reminders_enqueue() == 0  # the second run finds it claimed
    assert [m.to for m in mail.outbox] == [[french.email]]
    assert mail.outbox[0].subject.startswith("Reminder: ")
    assert "2 proposals of the call “Appel sobriété” still wait" in mail.outbox[0].body
    late = call.review_due_at + dt.timedelta(hours=1)
    with time_machine.travel(late, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=(out := StringIO()))
    assert "1 review reminder(s) queued" in out.getvalue()
    assert mail.outbox[-1].subject.endswith("are late")
    assert set(ReviewReminder.objects.values_list("kind", flat=True)) == {"soon", "late-1"}


def test_a_dry_run_claims_nothing() -> None:
    call, _reviewers, team = review_call(1)
    services.assignments_auto(call=call, by=team)
    with time_machine.travel(call.review_due_at + dt.timedelta(days=1), tick=False):
        call_command("send_reminders", "--dry-run", stdout=(out := StringIO()))
    assert "2 review reminder(s) due" in out.getvalue()
    assert not ReviewReminder.objects.exists()


def test_no_reminder_without_due_date_or_once_decided() -> None:
    call, _reviewers, team = review_call(1, review_due_at=None)
    services.assignments_auto(call=call, by=team)
    assert services.review_reminders_enqueue(now=NOW) == 0
    call.review_due_at, call.decided_at = NOW, NOW
    call.save()
    assert services.review_reminders_enqueue(now=NOW + dt.timedelta(hours=1)) == 0


# --- The team sees who is late and reminds them ----------------------------------------------


def test_the_team_sees_who_is_late_and_reminds_once_a_day(
    django_capture_on_commit_callbacks,
) -> None:
    call, (french, english), team = review_call(
        3, reviewers=("en", "fr"), review_due_at=NOW - dt.timedelta(days=2)
    )
    services.assignments_auto(call=call, by=team)
    Assignment.objects.filter(reviewer=english).update(submitted_at=NOW)
    mail.outbox.clear()
    with time_machine.travel(NOW, tick=False):
        pending = selectors.call_pending_reviewers(call=call)
        assert [(p.reviewer, p.due, p.days_late) for p in pending] == [(french, 3, 3)]
        page = client_for(team).get("/en" + reverse("calls:ranking", args=[call.slug]))
        assert "3 reviews left" in page.content.decode()
        assert "3 days late" in page.content.decode()
        with translation.override("en"):
            url = reverse("calls:reviewer-remind", args=[call.slug])
        with django_capture_on_commit_callbacks(execute=True):
            first = client_for(team).post(url, {"reviewer": french.pk}, follow=True)
            second = client_for(team).post(url, {"reviewer": french.pk}, follow=True)
    assert "is reminded by e-mail" in first.content.decode()
    assert "was already reminded today" in second.content.decode()
    assert "Reminded today" in second.content.decode()
    assert [m.to for m in mail.outbox] == [[french.email]]
    assert mail.outbox[0].subject.endswith("are late")
    assert AuditEntry.objects.filter(action=AuditAction.REVIEW_REMINDED).count() == 1


def test_remind_refuses_outsiders_and_strangers() -> None:
    call, (french, _english), team = review_call(1)
    services.assignments_auto(call=call, by=team)
    url = reverse("calls:reviewer-remind", args=[call.slug])
    assert client_for(french).post(url, {"reviewer": french.pk}).status_code == 403
    other_team = UserFactory()
    CallFactory().programme.team.add(other_team)
    assert client_for(other_team).post(url, {"reviewer": french.pk}).status_code == 403
    stranger = PersonFactory().user
    for value in (stranger.pk, "abc", "", "99999999999999999999"):
        response = client_for(team).post(url, {"reviewer": value})
        assert response.status_code == 302
    assert not ReviewReminder.objects.exists()


def test_pending_reviewers_cost_a_constant_number_of_queries(django_assert_max_num_queries):
    call, _reviewers, team = review_call(6, reviewers=("fr",) * 6)
    services.assignments_auto(call=call, by=team)
    with django_assert_max_num_queries(3):
        assert len(selectors.call_pending_reviewers(call=call)) == 6


# --- The queue -------------------------------------------------------------------------------


def test_the_queue_shows_the_due_date_and_highlights_the_late() -> None:
    call, (french, _english), team = review_call(1, review_due_at=NOW - dt.timedelta(days=1))
    services.assignments_auto(call=call, by=team)
    with time_machine.travel(NOW, tick=False):
        body = client_for(french).get("/en" + reverse("calls:reviewer-queue")).content.decode()
    assert "9 Apr 2027" in body and 'class="is-late"' in body and ">late<" in body


# --- Expertise -------------------------------------------------------------------------------


def test_expertise_breaks_ties_without_unbalancing() -> None:
    affinity = {(1, 10): 0.9, (2, 11): 0.9, (3, 12): 0.9}
    plain = plan_assignments(submissions=[10, 11, 12], reviewers=[1, 2, 3], per_submission=1)
    weighed = plan_assignments(
        submissions=[10, 11, 12], reviewers=[1, 2, 3], per_submission=1, affinity=affinity
    )
    assert sorted(plain.loads.values()) == sorted(weighed.loads.values()) == [1, 1, 1]
    assert set(weighed.pairs) == {(1, 10), (2, 11), (3, 12)}


def test_expertise_never_assigns_a_conflict_nor_unbalances() -> None:
    affinity = {(1, s): 1.0 for s in range(10)}  # reviewer 1 matches everything
    plan = plan_assignments(
        submissions=range(10), reviewers=[1, 2, 3, 4], per_submission=2,
        conflicts={(1, 0), (1, 1)}, affinity=affinity,
    )  # fmt: skip
    assert max(plan.loads.values()) - min(plan.loads.values()) <= 1
    assert (1, 0) not in plan.pairs and (1, 1) not in plan.pairs


def test_profiles_matching_proposals_get_them() -> None:
    call, _reviewers, team = review_call(0, reviewers=())
    energy = PersonFactory(intentions="Rénovation énergétique des bâtiments publics, isolation")
    food = PersonFactory(intentions="Alimentation locale, cantines scolaires, circuits courts")
    call.reviewers.set([energy.user, food.user])
    call.reviewers_per_submission = 1
    call.save()
    s1 = SubmissionFactory(call=call, title="Isoler les écoles", summary="Rénovation énergétique")
    s2 = SubmissionFactory(call=call, title="Des cantines bio", summary="Circuits courts")
    services.assignments_auto(call=call, by=team)
    pairs = set(Assignment.objects.values_list("reviewer_id", "submission_id"))
    assert pairs == {(energy.user_id, s1.pk), (food.user_id, s2.pk)}


def test_remind_now_is_refused_once_nothing_is_left() -> None:
    call, (french, _english), team = review_call(1)
    services.assignments_auto(call=call, by=team)
    Assignment.objects.update(submitted_at=timezone.now())
    url = "/en" + reverse("calls:reviewer-remind", args=[call.slug])
    response = client_for(team).post(url, {"reviewer": french.pk}, follow=True)
    assert "no review left to write" in response.content.decode()


# --- A person's own space --------------------------------------------------------------------


def test_me_sections_reviews_to_do_and_my_proposals(rf) -> None:
    from alliage.calls.hooks import my_reviews_section, my_submissions_section
    from alliage.core.hooks import Slot

    call, (french, _english), team = review_call(2)
    services.assignments_auto(call=call, by=team)
    request = rf.get("/me/")
    request.user = french
    waiting = my_reviews_section(request, french.person)
    assert waiting.slot == Slot.WAITING
    assert waiting.context["rows"] == [
        {"title": call.title, "count": 2, "due": call.review_due_at, "late": False}
    ]
    assert my_submissions_section(request, french.person) is None  # no proposal of theirs
    draft = SubmissionFactory(call=CallFactory(), person=french.person, status="draft")
    mine = my_submissions_section(request, french.person)
    assert mine.slot == Slot.MAIN
    assert mine.context["items"][0]["url"] == reverse(
        "calls:submission-edit", args=[draft.call.slug]
    )
    request.user = team
    assert my_reviews_section(request, None) is None


def test_an_unreadable_index_still_assigns_balanced(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise OSError("index file unreadable")

    monkeypatch.setattr(services, "expertise_affinity", broken)
    call, _reviewers, team = review_call(3)
    assert services.assignments_auto(call=call, by=team) == (6, [])

"""Reviewers are run and decisions are safe, in real Chromium: two reviewers are assigned and
hear of it by e-mail, read the proposal beside the rubric and score it; once the call has
closed the team decides (nothing chosen in advance), publishes after confirming, and the
accepted proposal becomes a coalition."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from playwright.sync_api import expect

from alliage.calls.models import Assignment
from alliage.coalitions.models import Coalition

from ..factories import (
    PASSWORD,
    CallFactory,
    CriterionFactory,
    PersonFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, email: str, next_path: str) -> None:
    page.goto(f"{base}/en/accounts/login/?next={next_path}")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{next_path}")


def test_reviewers_are_run_and_decisions_are_safe(live_server, page, browser) -> None:
    now = dt.datetime.now(tz=dt.UTC)
    call = CallFactory(
        title="Appel sobriété numérique",
        opens_at=now - dt.timedelta(days=20),
        closes_at=now + dt.timedelta(days=1),
        review_due_at=now + dt.timedelta(days=8),
        reviewers_per_submission=2,
    )
    CriterionFactory(call=call, name="Impact", scale=5)
    CriterionFactory(call=call, name="Faisabilité", scale=5)
    submission = SubmissionFactory(
        call=call,
        title="Isoler les écoles du département",
        summary="Un plan partagé de rénovation énergétique des écoles.",
        impact="Moins 40 % d'énergie en trois ans.",
    )
    reviewers = [PersonFactory(user__language=lang).user for lang in ("fr", "en")]
    call.reviewers.set(reviewers)
    team = UserFactory()
    call.programme.team.add(team)
    base = live_server.url

    # The team assigns the reviewers automatically: each hears of it by e-mail.
    log_in(page, base, team.email, f"/en/calls/{call.slug}/ranking/")
    page.get_by_role("button", name="Assign reviewers automatically").click()
    page.get_by_text("2 assignments made.").wait_for()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in reviewers)
    english = next(m for m in mail.outbox if m.to == [reviewers[1].email])
    assert "Appel sobriété numérique" in english.subject and "1 proposal" in english.body
    assert "/en/calls/reviews/" in english.body

    # Each reviewer finds the proposal beside the rubric, scores it and sends the review.
    for reviewer, score in zip(reviewers, ("4", "2"), strict=True):
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        reviewer_page = context.new_page()
        log_in(reviewer_page, base, reviewer.email, "/en/calls/reviews/")
        reviewer_page.get_by_role("link", name="Review", exact=True).click()
        proposal = reviewer_page.locator(".review-proposal-col")
        rubric = reviewer_page.locator(".review-rubric")
        assert "rénovation énergétique des écoles" in proposal.inner_text()
        left, right = proposal.bounding_box(), rubric.bounding_box()
        assert left["x"] + left["width"] <= right["x"]  # side by side on a wide screen
        rubric.get_by_label("Impact").select_option(score)
        rubric.get_by_label("Faisabilité").select_option("3")
        rubric.get_by_label("Comment for the programme team").fill("Solide et mesurable.")
        rubric.get_by_role("button", name="Submit my review").click()
        reviewer_page.get_by_text("Your review is submitted").wait_for()
        # The sent review reads again.
        reviewer_page.get_by_role("link", name="Read my review").click()
        expect(reviewer_page.locator("main")).to_contain_text(f"{score}/5")
        context.close()
    assert Assignment.objects.filter(submitted_at__isnull=False).count() == 2

    # The call closes; the team decides from the ranking, nothing chosen in advance.
    call.closes_at = now - dt.timedelta(minutes=5)
    call.save(update_fields=["closes_at"])
    page.goto(f"{base}/en/calls/{call.slug}/ranking/")
    page.get_by_role("link", name="Decide").click()
    radios = page.locator("input[type=radio][name=decision]")
    expect(radios).to_have_count(3)  # retried: the click only waits for the navigation to commit
    assert all(not radios.nth(i).is_checked() for i in range(3))
    page.get_by_label("Message to the submitter").fill("Bienvenue dans le programme.")
    page.get_by_role("button", name="Record the decision").click()  # no outcome chosen
    page.get_by_text("The decision is not recorded").wait_for()
    assert page.get_by_label("Message to the submitter").input_value() == (
        "Bienvenue dans le programme."
    )
    page.get_by_label("Accepted").check()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("The decision is recorded.").wait_for()

    # Publishing asks for confirmation first.
    page.goto(f"{base}/en/calls/{call.slug}/ranking/")
    page.get_by_role("link", name="Publish the decisions").click()
    page.get_by_role("heading", name="Publish the decisions?").wait_for()
    call.refresh_from_db()
    assert call.decided_at is None
    page.get_by_role("button", name="Yes, publish the decisions").click()
    page.get_by_text("The decisions are published").wait_for()

    # The coalition is born, and public.
    coalition = Coalition.objects.get(submission=submission)
    assert coalition.is_published and coalition.title == "Isoler les écoles du département"
    call.refresh_from_db()
    assert call.decided_at is not None

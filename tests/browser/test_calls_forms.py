"""In real Chromium: a proposal sent incomplete shows each error on its field and keeps what was
typed; the ranking of a six-criterion call fits a 1280 px screen with its Decision column in
view, and scrolls in its own region on a phone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from alliage.calls import services
from alliage.calls.models import Assignment, Score, Submission, SubmissionStatus

from ..factories import PASSWORD, CallFactory, PersonFactory, SubmissionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, email: str, next_path: str) -> None:
    page.goto(f"{base}/en/accounts/login/?next={next_path}")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{next_path}")


def test_an_incomplete_proposal_shows_each_error_on_its_field(live_server, page) -> None:
    call = CallFactory(title="Appel sobriété", asks=["diagnostic", "impact"])
    person = PersonFactory()
    log_in(page, live_server.url, person.user.email, f"/en/calls/{call.slug}/submit/")
    page.wait_for_load_state()
    expect(page.get_by_label("Diagnostic")).to_have_accessible_name("Diagnostic (required to send)")
    page.get_by_label("Title").fill("Des critères de sobriété pour les achats publics")
    page.get_by_label("Summary").fill("Une grille partagée entre collectivités.")
    page.get_by_role("button", name="Send my submission").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Before sending, fill in: diagnostic, targeted impact.")
    for name in ("diagnostic", "impact"):
        field = page.locator(f"#id_{name}")
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile("Fill this in to send"))
    expect(page.get_by_label("Summary")).not_to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Summary")).to_have_value("Une grille partagée entre collectivités.")
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.DRAFT
    assert submission.summary == "Une grille partagée entre collectivités."


def ranked_call() -> tuple[object, object]:
    now = dt.datetime.now(tz=dt.UTC)
    call = CallFactory(
        title="Appel Facteur 4",
        opens_at=now - dt.timedelta(days=30),
        closes_at=now - dt.timedelta(hours=1),
    )
    criteria = services.criteria_from_template(call=call, template="facteur-4")
    reviewer = PersonFactory().user
    for n in range(3):
        submission = SubmissionFactory(
            call=call, title=f"Réparer et réemployer les ordinateurs des écoles, volet {n}"
        )
        assignment = Assignment.objects.create(
            submission=submission, reviewer=reviewer, submitted_at=now
        )
        Score.objects.bulk_create(
            Score(assignment=assignment, criterion=c, value=(n + i) % 6)
            for i, c in enumerate(criteria)
        )
    team = UserFactory()
    call.programme.team.add(team)
    return call, team


@pytest.mark.parametrize("width", [1280, 390])
def test_the_ranking_keeps_its_decision_column_in_view(live_server, browser, width) -> None:
    call, team = ranked_call()
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, team.email, f"/en/calls/{call.slug}/ranking/")
    region = page.get_by_role("region", name="Ranking of the submissions")
    expect(region).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = region.bounding_box()
    header = page.locator("th.decision")
    for cell in (header, page.locator("td.decision").first):
        cell_box = cell.bounding_box()
        assert cell_box["x"] >= box["x"] - 1
        assert cell_box["x"] + cell_box["width"] <= box["x"] + box["width"] + 1
    names = page.locator("th.criterion").all_inner_texts()
    assert any("Alignement du modèle économique et du modèle d'impact" in n for n in names)
    if width == 390:  # scrolls in its own region, reachable from the keyboard
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    assert region.get_attribute("tabindex") == "0"
    page.get_by_role("link", name="Decide").first.click()
    expect(page.get_by_role("radio")).to_have_count(3)
    context.close()

"""The acceptance journey of the call builder, in real Chromium: the programme's team (not a
superuser, never /admin/) creates a call with three questions of its own (one required), a
four-criterion rubric and two reviewers; a coalition lead answers it and meets the questions,
the required one required."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alliage.calls.models import Call, Submission, SubmissionStatus

from ..factories import (
    PASSWORD,
    CoalitionMemberFactory,
    PersonFactory,
    ProgrammeFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, email: str, next_path: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"**{next_path}")


def local(days: int) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_the_team_builds_a_call_and_a_lead_answers_it(live_server, browser) -> None:
    programme = ProgrammeFactory(name="Programme Reset")
    team = PersonFactory(first_name="Élise", last_name="Équipe").user
    programme.team.add(team)
    assert not team.is_superuser
    PersonFactory(first_name="Lucie", last_name="Aubrac")
    PersonFactory(first_name="Marc", last_name="Aubert")
    lead = CoalitionMemberFactory(role="lead").person.user

    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    visited: list[str] = []
    page.on("request", lambda r: visited.append(r.url))
    base = live_server.url

    # The team's area, through its menu.
    log_in(page, base, team.email, "/team/")
    page.locator(".team-nav").get_by_role("link", name="Appels").click()
    page.wait_for_url("**/team/calls/")
    page.locator("main a.button[href$='/team/calls/new/']").click()

    # The call's settings and dates, with a rubric template that is then trimmed to four.
    page.locator("#id_title").fill("Appel à coalitions 2027")
    page.locator("#id_kind").select_option("projects")
    page.locator("#id_opens_at").fill(local(-1))
    page.locator("#id_closes_at").fill(local(30))
    page.locator("#id_review_due_at").fill(local(20))  # before the closing: refused
    page.locator("main form button[type=submit]").first.click()
    page.locator("#id_review_due_at_error").wait_for()
    page.locator("#id_review_due_at").fill(local(45))
    page.locator("#id_template").select_option("facteur-4")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/questions/")
    call = Call.objects.get(title="Appel à coalitions 2027")

    # Three questions of the call's own, the first required.
    for kind, label_fr, label_en, required, choices in (
        ("short", "Sur quel territoire ?", "In which area?", True, ""),
        ("choices", "Quels milieux ?", "", False, "Eau\nAir\nSol"),
        ("long", "Qui porte le projet avec vous ?", "", False, ""),
    ):
        page.locator("#id_new-label_fr").fill(label_fr)
        page.locator("#id_new-label_en").fill(label_en)
        page.locator("#id_new-kind").select_option(kind)
        if required:
            page.locator("#id_new-required").check()
        page.locator("#id_new-choices").fill(choices)
        with page.expect_navigation():
            page.locator("button[value=add]").click()
    expect(page.locator(".builder-item")).to_have_count(3)
    # The last one moved up a place, by its button.
    with page.expect_navigation():
        page.locator(".builder-item").nth(2).locator("button[value=up]").click()
    expect(page.locator(".builder-item").nth(1)).to_contain_text("Qui porte")

    # The rubric: six criteria from the template, two removed, four left.
    page.locator(".call-tabs a[href$='/rubric/']").click()
    page.wait_for_url("**/rubric/")
    for _i in range(2):
        item = page.locator(".builder-item").last
        item.locator("summary").click()
        with page.expect_navigation():
            item.locator("button[value=delete]").click()
    expect(page.locator(".builder-item")).to_have_count(4)

    # Two reviewers, found as one types.
    page.locator(".call-tabs a[href$='/reviewers/']").click()
    page.wait_for_url("**/reviewers/")
    # Full names: the other people of the test have random ones (a second "Marc" happened).
    for name in ("Lucie Aubrac", "Marc Aubert"):
        page.locator("#id_q").fill(name)
        # The picker answers as one types (htmx), with the person's own "Add" button.
        page.locator("#picker-results .who", has_text=name).wait_for()
        with page.expect_navigation():
            page.locator("#picker-results li", has_text=name).locator("button[value=add]").click()
    assert call.reviewers.count() == 2
    assert criteria_names(call) and call.criteria.count() == 4
    assert call.questions.count() == 3
    assert not any("/admin/" in url for url in visited)
    context.close()

    # A coalition lead answers: the questions are there, the required one required.
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    log_in(page, base, lead.email, f"/calls/{call.slug}/submit/")
    form = page.locator("main form")
    assert "Sur quel territoire ?" in form.inner_text()
    assert "Quels milieux ?" in form.inner_text()
    page.get_by_label("Titre").fill("Des achats publics sobres")
    page.get_by_label("Résumé").fill("Une grille partagée entre collectivités.")
    page.get_by_label("Air").check()
    page.locator("button[value=submit]").click()
    territory = page.locator(".field.has-error")
    territory.wait_for()
    assert "Sur quel territoire ?" in territory.inner_text()
    assert not Submission.objects.filter(status=SubmissionStatus.SUBMITTED).exists()
    page.get_by_label("Sur quel territoire ?").fill("Métropole de Lyon")
    page.locator("button[value=submit]").click()
    page.wait_for_url("**/calls/submissions/**")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    body = page.locator("main").inner_text()
    assert "Métropole de Lyon" in body and "Air" in body
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.SUBMITTED
    context.close()
    assert not errors, errors


def criteria_names(call: Call) -> list[str]:
    return list(call.criteria.values_list("name", flat=True))


def test_questions_reorder_by_dragging(live_server, page) -> None:
    from ..calls.factories import QuestionFactory
    from ..factories import CallFactory

    team = PersonFactory().user
    call = CallFactory()
    call.programme.team.add(team)
    first, second, third = (
        QuestionFactory(call=call, label_fr=label) for label in ("Un", "Deux", "Trois")
    )
    log_in(page, live_server.url, team.email, f"/team/calls/{call.slug}/questions/")
    expect(page.locator("#reorder-help")).to_be_visible()
    with page.expect_navigation():
        page.locator(f"#question-{first.pk} .builder-row").drag_to(
            page.locator(f"#question-{third.pk} .builder-row"),
            target_position={"x": 10, "y": 40},
        )
    expect(page.locator(".builder-item").first).to_contain_text("Deux")
    assert call.questions.values_list("pk", flat=True).first() == second.pk

"""The demo's programme team in real Chromium: the dashboard, a figure followed to its list,
a programme created then archived. In English, the language every string exists in."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from alliage.coalitions.models import Coalition, Programme
from alliage.demo.services import DEMO_PASSWORD, demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_team_follows_a_figure_then_creates_and_archives_a_programme(live_server, page) -> None:
    demo_load(today=timezone.localdate())
    base = live_server.url
    page.goto(base + "/en/accounts/login/?next=/en/team/")
    page.fill("input[name=username]", "equipe@alliage.example.org")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/en/team/")
    assert page.get_by_role("heading", level=1).inner_text() == "The programme's pulse"

    # A figure of the funnel opens the list behind it, filtered the same way.
    figure = page.locator("table.funnel a.figure").first
    expected = int(figure.inner_text())
    href = figure.get_attribute("href")
    programme_slug = re.search(r"programme=([\w-]+)", href).group(1)
    status = re.search(r"status=(\w+)", href).group(1)
    figure.click()
    page.wait_for_url(re.compile(r".*/coalitions/\?programme=.*status=.*"))
    assert f"{expected} coalition" in page.locator(".result-count").inner_text()
    assert (
        expected == Coalition.objects.filter(programme__slug=programme_slug, status=status).count()
    )

    # Create an expedition.
    page.goto(base + "/en/team/")
    page.get_by_role("navigation", name="Team").get_by_role("link", name="Programmes").click()
    page.wait_for_url("**/en/team/programmes/")
    page.get_by_role("link", name="New programme").click()
    page.get_by_label("Name").fill("Expédition Loire")
    page.get_by_label("Kind").select_option("expedition")
    page.get_by_label("Tagline").fill("Remonter le fleuve avec les acteurs du territoire.")
    page.get_by_role("button", name="Create the programme").click()
    page.wait_for_url("**/en/team/programmes/")
    assert "Expédition Loire" in page.locator(".message").inner_text()
    created = Programme.objects.get(name="Expédition Loire")
    assert created.kind == "expedition"
    row = page.locator(".team-row", has_text="Expédition Loire")
    assert row.get_by_role("button", name=re.compile("down", re.I)).is_disabled()  # last in order

    # Move it up once, then archive it: it leaves the public home, its page stays.
    row.get_by_role("button", name=re.compile(" up", re.I)).click()
    page.wait_for_url("**/en/team/programmes/")
    names = page.locator("ol.team-rows .team-row-main strong").all_inner_texts()
    assert names.index("Expédition Loire") == len(names) - 2
    page.locator(".team-row", has_text="Expédition Loire").get_by_role(
        "button", name=re.compile("archive", re.I)
    ).click()
    page.wait_for_url("**/en/team/programmes/")
    assert "archived" in page.locator(".message").inner_text()
    assert page.get_by_role("heading", name="Archived").is_visible()
    created.refresh_from_db()
    assert created.is_archived
    page.goto(base + "/en/?public=1")
    assert "Expédition Loire" not in page.locator("main").inner_text()
    response = page.goto(
        base + created.get_absolute_url().replace("/programmes/", "/en/programmes/", 1)
    )
    assert response.status == 200


def test_a_lead_lands_on_my_space_and_sees_the_request_to_answer(live_server, page) -> None:
    from alliage.coalitions.models import JoinRequest, MemberRole

    from ..factories import PASSWORD, CoalitionFactory, CoalitionMemberFactory, PersonFactory

    coalition = CoalitionFactory(title="Sobriété numérique des collèges")
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person.user
    JoinRequest.objects.create(
        coalition=coalition, person=PersonFactory(first_name="Inès", last_name="Marchand")
    )
    page.goto(live_server.url + "/en/accounts/login/")
    page.fill("input[name=username]", lead.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/en/me/")
    waiting = page.get_by_role("region", name="What waits for me")
    link = waiting.get_by_role(
        "link", name="Inès Marchand asks to join Sobriété numérique des collèges"
    )
    link.click()
    page.wait_for_url(f"**{coalition.get_absolute_url()}#p-requests")
    assert page.get_by_role("heading", name="Requests to join").is_visible()

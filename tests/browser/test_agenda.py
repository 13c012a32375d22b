"""Registering for an event in real Chromium, under the site's CSP (JSON-LD must not trip it)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..factories import PASSWORD, EventFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_then_join_the_waiting_list(live_server, page) -> None:
    event = EventFactory(title="Reset Day de décembre", capacity=1)
    first, second = PersonFactory(), PersonFactory()

    def log_in(person) -> None:
        page.goto(f"{live_server.url}/accounts/login/?next={event.get_absolute_url()}")
        page.get_by_label("Adresse e-mail").fill(person.user.email)
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(f"**{event.get_absolute_url()}")

    page.goto(live_server.url + "/agenda/")
    page.get_by_role("link", name="Reset Day de décembre").click()
    expect(page.locator('script[type="application/ld+json"]')).to_have_count(1)

    log_in(first)
    page.get_by_role("button", name="S'inscrire").click()
    expect(page.locator("main")).to_contain_text("Vous êtes inscrit")

    page.locator(".account-menu summary").click()
    page.get_by_role("button", name="Se déconnecter").click()
    log_in(second)
    page.get_by_role("button", name="Rejoindre la liste d'attente").click()
    expect(page.locator("main")).to_contain_text("en position 1 sur la liste d'attente")


def test_month_titles_are_whole_and_a_phone_gets_a_list(live_server, page) -> None:
    """At 1280 px the grid shows each event's whole title (wrapped, nothing cut off); at 390 px
    the grid gives way to the list of days, whose links and month buttons are large enough to
    tap, and the page is no wider than the phone."""
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    title = "Découvrir la méthode Facteur 4 avec les coalitions du territoire"
    starts = dt.datetime.combine(today, dt.time(12, 30), tzinfo=timezone.get_current_timezone())
    EventFactory(title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    clipped = """sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null
        && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)).length"""

    page.goto(live_server.url + "/agenda/month/")
    grid_event = page.locator("table.month .month-event", has_text=title)
    expect(grid_event).to_be_visible()
    expect(page.locator(".month-list")).to_be_hidden()
    assert page.evaluate(clipped, "table.month .month-event") == 0

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("table.month")).to_be_hidden()
    day = page.locator(".month-day.today")
    expect(day.get_by_role("heading")).to_contain_text("Aujourd'hui")
    link = day.get_by_role("link", name=f"12:30 {title}")
    expect(link).to_be_visible()
    assert link.bounding_box()["height"] >= 44
    assert page.evaluate(clipped, ".month-list .month-event") == 0
    for name in ("prev", "next"):
        box = page.locator(f"header .month-nav a[rel={name}]").bounding_box()
        assert box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

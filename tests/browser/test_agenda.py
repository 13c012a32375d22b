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

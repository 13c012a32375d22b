"""Sign-up and the CSRF failure page in real Chromium: the journey through the e-mailed link,
and no CSP violation on either (the page fixture fails on any console error)."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from alliage.core.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_confirm_the_address_then_land_on_the_profile(live_server, page) -> None:
    page.goto(live_server.url + "/accounts/signup/")
    page.fill("input[name=first_name]", "Aïcha")
    page.fill("input[name=last_name]", "Benali")
    page.fill("input[name=email]", "aicha@example.org")
    page.fill("input[name=password1]", "une phrase de passe solide")
    page.fill("input[name=password2]", "une phrase de passe solide")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/signup/sent/")
    assert not User.objects.get(email="aicha@example.org").email_confirmed

    [message] = mail.outbox
    link = re.search(r"http://[^/\s]+(/\S*accounts/signup/confirm/\S+)", message.body).group(1)
    page.goto(live_server.url + link)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/actors/me/")
    assert User.objects.get(email="aicha@example.org").email_confirmed
    page.locator(".account-menu summary").click()  # "Mon compte"
    assert page.get_by_role("button", name="Se déconnecter").is_visible()


def test_a_failed_csrf_check_shows_the_sites_page_without_csp_violation(
    live_server, browser
) -> None:
    # Its own page: the shared fixture fails on the console line every 403 document logs.
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    page.goto(live_server.url + "/en/accounts/login/")
    page.fill("input[name=username]", "someone@example.org")
    page.fill("input[name=password]", "whatever")
    context.clear_cookies()  # as a form posted from another site, or an expired cookie
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("main form button[type=submit]").click()
    assert answer.value.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "The form has expired"
    assert page.locator("header.site-header").is_visible()
    page.wait_for_load_state("load")
    context.close()
    assert console == [
        "Failed to load resource: the server responded with a status of 403 (Forbidden)"
    ]

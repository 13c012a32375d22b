"""A members' discussion in real Chromium: a member mentions the lead with the picker, the
lead sees the unread badge and the notification, the e-mail leaves in the lead's language
with its unsubscribe headers, and a visitor cannot read the thread."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from alliage.coalitions.models import MemberRole

from ..factories import PASSWORD, CoalitionFactory, CoalitionMemberFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, email: str, next_path: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"**{next_path}")


def test_a_member_mentions_the_lead_who_is_told(live_server, page, browser) -> None:
    coalition = CoalitionFactory(title="Sobriété numérique des collectivités")
    lead = CoalitionMemberFactory(
        coalition=coalition,
        role=MemberRole.LEAD,
        person=PersonFactory(first_name="Léa", last_name="Martin"),
    ).person
    lead.user.language = "en"
    lead.user.save()
    member = CoalitionMemberFactory(
        coalition=coalition, person=PersonFactory(first_name="Omar", last_name="Diallo")
    ).person
    url = coalition.get_absolute_url()

    # The suggestions panel is not this test's subject, and building the matching index while
    # the two threads load crashes the test server's SQLite (see the closing note of issue 13)
    page.route("**/invite/**", lambda route: route.fulfill(status=200, body=""))
    log_in(page, live_server.url, member.user.email, url)
    thread = page.locator(".discussion", has_text="Discussion des membres")
    box = thread.get_by_label("Votre commentaire")
    box.click()
    box.press_sequentially("On en parle jeudi ? @Lé")
    option = page.get_by_role("option", name="Léa Martin")
    expect(option).to_be_visible()
    box.press("Enter")
    expect(box).to_have_value(f"On en parle jeudi ? @[Léa Martin]({lead.pk}) ")
    thread.get_by_role("button", name="Publier").click()
    mention = thread.locator(".comment .prose a", has_text="@Léa Martin")
    expect(mention).to_be_visible()
    assert mention.get_attribute("href") == f"/actors/people/{lead.pk}/"

    [message] = [m for m in mail.outbox if m.to == [lead.user.email]]
    assert message.subject == (
        "Omar Diallo mentioned you in the discussion of Sobriété numérique des collectivités."
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.context.clear_cookies()
    log_in(page, live_server.url, lead.user.email, url)
    badge = page.locator("header .badge")
    expect(badge).to_have_text("1 non lue")
    page.goto(live_server.url + "/me/notifications/")
    expect(page.locator("main")).to_contain_text("Omar Diallo vous a mentionné·e")

    phone = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    visitor = phone.new_page()
    visitor.goto(live_server.url + url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(coalition.title)
    assert visitor.locator(".discussion", has_text="Discussion des membres").count() == 0
    expect(visitor.locator(".discussion", has_text="Discussion publique")).to_be_visible()
    width = visitor.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    members_thread = f"{live_server.url}/discussions/coalitions.coalition/{coalition.pk}/members/"
    assert visitor.goto(members_thread).status == 404
    phone.close()

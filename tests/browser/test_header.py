"""The header: one row at 1280 px in French for the person with the most links (a programme
team member who is staff); a menu behind one button on a phone, keyboard-usable;
the account's links in a menu that Escape closes."""

from __future__ import annotations

import pytest

from ..factories import PASSWORD, PersonFactory, ProgrammeFactory
from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def team_member():
    user = PersonFactory().user
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    ProgrammeFactory().team.add(user)
    return user


def test_the_header_fits_one_row_at_1280_px_in_french(live_server, page) -> None:
    user = team_member()
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(live_server.url + "/coalitions/")
    assert page.locator(".menu-toggle").is_hidden()
    links = page.locator(".main-nav a, .account-nav li > a, .account-menu summary").all()
    tops = {round(link.bounding_box()["y"]) for link in links if link.is_visible()}
    assert max(tops) - min(tops) < 12, f"the header's links sit on several rows: {tops}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    menu = page.locator(".account-menu")
    menu.locator("summary").click()
    assert page.get_by_role("link", name="Mon profil").is_visible()
    page.keyboard.press("Escape")
    assert page.get_by_role("link", name="Mon profil").is_hidden()


def test_on_a_phone_the_navigation_is_behind_the_menu_button(live_server, page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/en/")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.get_by_role("navigation", name="Main").is_hidden()
    header_height = page.locator("header.site-header").bounding_box()["height"]
    assert header_height < 90
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Coalitions").click()
    page.wait_for_url("**/en/coalitions/")
    sign_up = page.get_by_role("link", name="Sign up")
    assert not sign_up.is_visible()  # the menu is closed again on the new page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_sign_up_button_reads_white_on_green(live_server, page) -> None:
    page.goto(live_server.url + "/")
    color = page.locator(".account-nav a.button").evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(255, 255, 255)"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_search_page_shows_at_every_width(live_server, page, width) -> None:
    """The header's search box is hidden on a wide screen (an icon leads to the page): the page
    itself must not be hidden with it."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/search/?q=sobriete")
    assert page.get_by_role("heading", level=1, name="Recherche").is_visible()
    assert page.locator("main form[role=search] input[name=q]").is_visible()

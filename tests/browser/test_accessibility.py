"""Every page of the demo, in real Chromium, for each persona, in both languages, at a desktop
and a phone width: axe-core finds no serious or critical violation (WCAG 2.1 A and AA), and no
page is wider than the phone's screen.

The pages are found by walking the demo's links from the home page and each persona's own
space, one address per kind of page (its URL pattern) and persona: a new page type is checked
as soon as a link leads to it. axe-core is the copy shipped inside the ``axe-playwright-python``
package, injected into each page (nothing is downloaded at run time).
"""

from __future__ import annotations

import json
import os
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

from alliage.demo.services import DEMO_PASSWORD

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("accessibility"),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Links that are not pages to check: files, feeds, machine answers, the administration (Django's
# own), and what acts when followed.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/healthz", "/livez", "/metrics")
SKIPPED_SUFFIXES = (".ics", ".csv", ".json", ".jsonld", ".rss", ".atom", ".xml", ".zip", ".pdf")
SKIPPED_WORDS = ("logout", "download", "export", "format=", "/feed", "unsubscribe", "/token")
# Pages of one kind per persona, at most; and pages in all, per persona.
PER_PERSONA = 45
PERSONAS = {
    "anon": None,
    "membre": "membre@alliage.example.org",
    "porteuse": "porteuse@alliage.example.org",
    "equipe": "equipe@alliage.example.org",
    "visiteur": "visiteur@alliage.example.org",
}
# Where each persona's own pages start (the home page and the header lead everywhere else).
STARTS = {
    # the month page first: its grid becomes a list on a phone, which this check must see
    "anon": [
        "/",
        "/agenda/month/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ],
    "membre": ["/me/", "/me/data/", "/me/consents/"],
    "porteuse": ["/me/"],
    "equipe": ["/me/", "/team/"],
    "visiteur": ["/me/", "/me/data/"],
}


def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def route_of(path: str) -> str | None:
    """The kind of page an address is (its URL pattern's name and argument names)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return f"{match.view_name}({','.join(sorted(match.kwargs))})"


def followable(base: str, href: str | None) -> str | None:
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    url = urlsplit(urljoin(base + "/", href))
    if url.netloc and url.netloc != urlsplit(base).netloc:
        return None
    path = url.path
    address = path + (f"?{url.query}" if url.query else "")
    if path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES):
        return None
    if any(word in address for word in SKIPPED_WORDS):
        return None
    if path.startswith("/en/"):
        return None  # the English twin of every page is checked anyway
    return address


def check(page, axe: str, address: str, viewport: dict[str, int], run_axe: bool) -> list[str]:
    """The problems of one page view: axe's serious and critical violations, sideways scroll."""
    page.set_viewport_size(viewport)
    response = page.goto(address)
    assert response is not None
    problems = []
    if response.status >= 500:
        return [f"answers {response.status}"]
    width = page.evaluate("document.documentElement.scrollWidth")
    if viewport is PHONE and width > PHONE["width"]:
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                          && !e.closest('.table-scroll, pre, .scroll-x'))
                .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className)"""
        )
        problems.append(f"{width} px wide on a {PHONE['width']} px phone ({wide})")
    if run_axe:
        page.evaluate(axe)
        result = page.evaluate(
            """async () => await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                resultTypes: ['violations']})"""
        )
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [" ".join(n["target"]) for n in violation["nodes"][:3]]
                problems.append(f"axe {violation['id']} ({violation['impact']}): {targets}")
    return problems


def crawl(page, base: str, persona: str) -> list[str]:
    """One address per kind of page this persona reaches, breadth first from their starts."""
    seen_routes: set[str] = set()
    found: list[str] = []
    queue = deque(STARTS[persona])
    queued = set(queue)
    while queue and len(found) < PER_PERSONA:
        address = queue.popleft()
        route = route_of(urlsplit(address).path)
        if route is None or route in seen_routes:
            continue
        response = page.goto(base + address)
        if (
            response is None
            or response.status != 200
            or "text/html" not in (response.headers.get("content-type", ""))
        ):
            continue
        seen_routes.add(route)
        found.append(address)
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
        for href in hrefs:
            target = followable(base, href)
            if target and target not in queued:
                queued.add(target)
                queue.append(target)
    return found


def test_every_page_of_the_demo_is_accessible_and_fits_a_phone(live_server, browser) -> None:
    from django.utils import timezone

    from alliage.demo.services import demo_load

    demo_load(today=timezone.localdate())
    base = live_server.url
    axe = axe_source()
    report: dict[str, list[str]] = {}
    checked = 0
    covered: set[str] = set()
    for persona, email in PERSONAS.items():
        context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
        context.set_default_timeout(15_000)
        page = context.new_page()
        if email:
            sign_in(page, base, email, DEMO_PASSWORD)
        for address in crawl(page, base, persona):
            route = route_of(urlsplit(address).path)
            # A page another persona already had checked: its header differs, its body
            # hardly; once in French at the desktop width is enough for it.
            again = route in covered
            covered.add(route or address)
            views = [("", DESKTOP, True)]
            if not again:
                views += [("", PHONE, True), ("/en", DESKTOP, True), ("/en", PHONE, False)]
            for prefix, viewport, run_axe in views:
                problems = check(page, axe, base + prefix + address, viewport, run_axe)
                checked += 1
                if problems:
                    size = "phone" if viewport is PHONE else "desktop"
                    report[f"{persona} {prefix or '/fr'}{address} {size}"] = problems
        context.close()
    assert checked > 100, f"only {checked} page views: the crawl found too few pages"
    details = json.dumps(report, indent=1, ensure_ascii=False)
    if report and (where := os.environ.get("ALLIAGE_A11Y_REPORT")):
        Path(where).write_text(details)
    assert not report, f"Accessibility problems:\n{details}"

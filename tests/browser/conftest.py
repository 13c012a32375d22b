"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright; never a downloaded browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from ..factories import PASSWORD

CHROMIUM = os.environ.get("ALLIAGE_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    pending: set[object] = set()
    page.on("request", lambda r: pending.add(r))
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))
    yield page
    _settle(page, pending)
    context.close()
    assert not errors, f"The browser reported errors: {errors}"


def _settle(page, pending: set[object], timeout_ms: int = 5_000) -> None:
    """Before the test's database is flushed: let the requests the page has in flight (an
    autosave, the similar ideas of what was just typed) be answered, then leave the page so
    that no delayed trigger sends another. A request still being served when the flush runs
    holds a lock the flush waits for (PostgreSQL answered "deadlock detected")."""
    for _ in range(2):
        waited = 0
        while pending and waited < timeout_ms:
            page.wait_for_timeout(50)
            waited += 50
        page.goto("about:blank")


@pytest.fixture(autouse=True)
def _live_server_threads_own_their_connections(request) -> None:
    """The live server is made once per session, before the test database exists: pytest-django
    then takes the SQLite database for an in-memory one and hands the test's own connection to
    every request thread. The pages' lazy sections load at once, so several threads would use
    that one connection together (SQLite answers "closed database", or the process crashes).
    The test database is a file: each request thread opens its own connection to it."""
    if "live_server" not in request.fixturenames:
        return
    from django.db import connections

    overrides = request.getfixturevalue("live_server").thread.connections_override
    for alias in list(overrides):
        if not connections[alias].is_in_memory_db():
            overrides.pop(alias)


def sign_in(page, base: str, email: str, password: str) -> None:
    """Sign in through the log-in form, as a person does."""
    page.goto(base + "/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{email} could not sign in"


def signed_in(
    browser, base: str, email: str, *, width: int, locale: str, prefix: str = ""
) -> tuple[object, object, list[str]]:
    """A browser context of its own for one person (several people act side by side), signed
    in through the log-in form at ``base + prefix`` ("/en" for English): its context (to close),
    its page and the errors the page raises."""
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, base + prefix, email, PASSWORD)
    return context, page, errors

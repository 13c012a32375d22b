"""A database outage: 503 with Retry-After (a styled page, problem details in the API), a terse
health check, one log line per burst; and a 500 page that promises a report only when one is
sent (R6)."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext

from alliage.core.logfilters import RepeatFilter
from alliage.core.outage import server_error
from alliage.urls import urlpatterns as site_urlpatterns

LEAK = 'connection to server at "10.20.30.40", port 6543 failed: Connection refused'


def _boom(request: HttpRequest) -> HttpResponse:
    raise ValueError("a bug")


# This module doubles as a URLconf with a page that fails (pytest.mark.urls).
urlpatterns = [path("boom", _boom), path("api/boom", _boom), *site_urlpatterns]
handler500 = "alliage.core.outage.server_error"


@pytest.fixture
def outage(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every query fails as it does when PostgreSQL is stopped."""

    def refused(*args, **kwargs):
        raise OperationalError(LEAK)

    monkeypatch.setattr(connection, "cursor", refused)


@pytest.fixture(autouse=True)
def fresh_repeats(monkeypatch: pytest.MonkeyPatch) -> None:
    """The configured handlers' repeat filter, forgetting what earlier tests logged."""
    repeats = RepeatFilter(seconds=60)
    for handler in logging._handlers.values():  # every handler dictConfig made
        filters = [repeats if isinstance(f, RepeatFilter) else f for f in handler.filters]
        monkeypatch.setattr(handler, "filters", filters)


@pytest.fixture
def console(monkeypatch: pytest.MonkeyPatch) -> list[logging.LogRecord]:
    """What reaches the configured console handler (which filters repeats)."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RepeatFilter) for f in h.filters)
    )
    emitted: list[logging.LogRecord] = []
    monkeypatch.setattr(handler, "emit", emitted.append)
    return emitted


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "language"), [("/coalitions/", "fr"), ("/en/coalitions/", "en")])
def test_a_page_answers_a_styled_translated_503_during_an_outage(
    outage: None, url: str, language: str
) -> None:
    with translation.override(language):
        title = gettext("Alliage is unavailable for a moment")
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert title in body
    assert f'lang="{language}"' in body
    assert "alliage/alliage.css" in body
    assert "10.20.30.40" not in body
    assert "6543" not in body


@pytest.mark.django_db
def test_a_form_sent_during_an_outage_gets_the_503_page(outage: None) -> None:
    response = Client(raise_request_exception=False).post(
        "/en/accounts/login/", {"username": "a@b.org", "password": "x"}
    )
    assert response.status_code == 503
    assert "Alliage is unavailable for a moment" in response.content.decode()


@pytest.mark.django_db
def test_the_api_answers_problem_details_503_during_an_outage(outage: None) -> None:
    response = Client(raise_request_exception=False).get("/api/v1/coalitions")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0
    problem = json.loads(response.content)
    assert problem["status"] == 503
    assert problem["instance"] == "/api/v1/coalitions"
    assert "10.20.30.40" not in response.content.decode()


@pytest.mark.django_db
def test_health_is_terse_during_an_outage_and_the_log_says_why(
    outage: None, console: list[logging.LogRecord]
) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "error"
    assert body["database"] == {"status": "down"}
    assert "10.20.30.40" not in response.content.decode()
    assert "6543" not in response.content.decode()
    assert any("10.20.30.40" in record.getMessage() for record in console)


@pytest.mark.django_db
def test_an_outage_burst_writes_one_log_record(
    outage: None, console: list[logging.LogRecord]
) -> None:
    client = Client(raise_request_exception=False)
    for _ in range(40):
        assert client.get("/coalitions/").status_code == 503
        assert client.get("/api/v1/coalitions").status_code == 503
    errors = [r for r in console if r.levelno >= logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    assert "Database unavailable" in errors[0].getMessage()
    assert not any(r.exc_info for r in console)  # no traceback per request


def test_the_repeat_filter_lets_one_through_per_interval_with_the_count() -> None:
    now = [1000.0]
    repeats = RepeatFilter(seconds=10, clock=lambda: now[0])
    logger = logging.getLogger("tests.repeat")

    def record(path: str) -> logging.LogRecord:
        return logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "Down: %s", (path,), None)

    assert repeats.filter(record("/a"))
    assert not any(repeats.filter(record(f"/{n}")) for n in range(5))
    now[0] += 11
    again = record("/b")
    assert repeats.filter(again)
    assert "5 similar messages suppressed" in again.getMessage()
    other = logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "Other", (), None)
    assert repeats.filter(other)


def test_a_record_is_judged_once_for_every_handler() -> None:
    repeats = RepeatFilter(seconds=10)
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "Down", (), None)
    assert repeats.filter(record)
    assert repeats.filter(record)  # the second handler sees the same record


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_the_outage_page_also_answers_errors_raised_outside_views() -> None:
    request = RequestFactory().get("/en/")
    try:
        raise OperationalError(LEAK)
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@override_settings(ADMINS=[])
def test_the_500_page_promises_nothing_when_nobody_is_told() -> None:
    response = Client(raise_request_exception=False).get("/boom")
    assert response.status_code == 500
    body = response.content.decode()
    assert "alliage/alliage.css" in body
    assert gettext("The error has been reported to the team.") not in body
    assert gettext("Something went wrong") in body


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@override_settings(ADMINS=[("Ops", "ops@alliage.example.org")])
def test_the_500_page_says_the_error_was_reported_when_admins_are_set(mailoutbox) -> None:
    response = Client(raise_request_exception=False).get("/boom")
    assert response.status_code == 500
    assert gettext("The error has been reported to the team.") in response.content.decode()
    assert [m.to for m in mailoutbox] == [["ops@alliage.example.org"]]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_api_error_is_problem_details() -> None:
    response = Client(raise_request_exception=False).get("/api/boom")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"


def test_admins_come_from_the_environment() -> None:
    from alliage.core.reporting import admins_parse

    assert admins_parse("Ops <ops@a.org>, b@a.org, nonsense") == [
        ("Ops", "ops@a.org"),
        ("b@a.org", "b@a.org"),
    ]


def test_sentry_is_optional(monkeypatch: pytest.MonkeyPatch) -> None:
    from alliage.core.reporting import sentry_init

    assert sentry_init("") is False
    monkeypatch.setitem(sys.modules, "sentry_sdk", None)  # not installed
    with pytest.warns(UserWarning, match="sentry-sdk is not installed"):
        assert sentry_init("https://key@sentry.example.org/1") is False

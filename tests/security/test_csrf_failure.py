"""F12: a failed CSRF check shows the site's own page (no inline style for the CSP to block),
translated, with what to do, as 403."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"), [("/en/accounts/login/", "The form has expired"), ("/accounts/login/", "")]
)
def test_the_csrf_failure_page_is_the_sites_own(url: str, expected: str) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"username": "a@example.org", "password": "x"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "<style" not in body and "style=" not in body
    assert [t.name for t in response.templates][:2] == ["core/csrf_failure.html", "base.html"]
    assert 'class="site-header"' in body
    assert expected in body
    assert "Content-Security-Policy" in response.headers
    assert "reload the page" in body or url == "/accounts/login/"

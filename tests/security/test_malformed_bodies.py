"""Bodies no view should see (F6, R11): JSON nested thousands deep, NUL characters in a JSON
body whatever its Content-Type, bodies over the size or field limits. Each is answered 400
(413 for the API's too-large bodies): problem details under /api/, the site's styled page
elsewhere; never a 500. A NUL in a form field is left to the form, which says so next to the
field and keeps the text."""

from __future__ import annotations

import html as html_lib
import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..factories import PersonFactory

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
DEEP = "[" * 5000 + "]" * 5000
SITE_URLS = ["/healthz", "/en/", "/en/accounts/login/", "/"]
API_URL = "/api/v1/coalitions/nope/canvas"


def _client() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("url", SITE_URLS)
@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_deep_json_on_a_page_gets_the_sites_400(url, method) -> None:
    response = getattr(_client(), method)(url, DEEP, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    said = "nested more than 32" if url.startswith("/en/") else "imbriqué sur plus de 32 niveaux"
    assert said in response.content.decode()  # in the page's language


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "body", [DEEP, "[" * 5000, "{" + '"a":{' * 3000 + "}" * 3001, "[" * 40 + "]" * 40]
)
def test_deep_json_in_the_api_gets_a_problem(method, body) -> None:
    response = getattr(_client(), method)(API_URL, body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 400


def test_every_api_error_is_a_problem() -> None:
    """Even those no operation answers: a method the address does not take, an unknown
    address."""
    wrong_method = _client().post(API_URL, "{}", content_type="application/json")
    assert wrong_method.status_code == 405
    assert wrong_method["Content-Type"] == PROBLEM
    assert "PATCH" in wrong_method["Allow"]
    unknown = _client().get("/api/v1/nothing-here")
    assert unknown.status_code == 404
    assert unknown["Content-Type"] == PROBLEM


def test_json_at_a_normal_depth_reaches_the_api() -> None:
    body = json.dumps({"summary": [[[["x"]]]]})
    response = _client().patch(API_URL, body, content_type="application/json")
    assert response.status_code == 401  # past the middleware: the operation asks for a token


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "text/plain", "application/merge-patch+json", "", "application/x-www"],
)
@pytest.mark.parametrize("body", ['{"summary": "a\\u0000b"}', '{"a\\u0000": 1}', '["\x00"]'])
def test_nul_in_an_api_body_gets_a_problem_whatever_the_content_type(content_type, body) -> None:
    response = _client().generic("PATCH", API_URL, body.encode(), content_type=content_type)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert "NUL" in response.json()["detail"]


def test_an_escaped_backslash_is_not_a_nul() -> None:
    body = json.dumps({"summary": "\\u0000"})  # a backslash, then "u0000": no NUL
    response = _client().patch(API_URL, body, content_type="text/plain")
    assert response.status_code == 401


def test_nul_in_the_address_is_still_refused() -> None:
    api = _client().get("/api/v1/coalitions", {"q": "a\x00b"})
    assert api.status_code == 400
    assert api["Content-Type"] == PROBLEM
    page = _client().get("/en/actors/", {"q": "\x00"})
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")
    assert b"NUL" in page.content


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(
    value=JSON,
    content_type=st.sampled_from(
        ["application/json", "text/plain", "application/merge-patch+json"]
    ),
)
def test_any_json_body_is_answered_without_a_500(value, content_type) -> None:
    response = _client().patch(API_URL, json.dumps(value), content_type=content_type)
    assert response.status_code < 500
    if _has_nul(value):
        assert response.status_code == 400
        assert response["Content-Type"] == PROBLEM


def test_a_nul_in_a_form_gets_a_field_error_and_keeps_the_text() -> None:
    person = PersonFactory()
    client = _client()
    client.force_login(person.user)
    typed = "Ada\x00 Lovelace"
    response = client.post("/en/actors/me/", {"first_name": typed, "last_name": "L"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Null characters are not allowed." in html
    assert 'value="Ada\x00 Lovelace"' in html  # the text typed is still in the form
    french = client.post("/actors/me/", {"first_name": typed, "last_name": "L"})
    assert "Le caractère nul n'est pas autorisé." in html_lib.unescape(french.content.decode())


def test_a_body_over_the_size_limit_gets_a_styled_page(settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    person = PersonFactory()
    client = _client()
    client.force_login(person.user)
    response = client.post("/en/actors/me/", {"bio": "x" * 5000})
    assert response.status_code == 400
    html = response.content.decode()
    assert "too large" in html
    assert "Back button" in html
    assert "<nav" in html or "<header" in html  # the site's page, not Django's bare one
    french = client.post("/actors/me/", {"bio": "x" * 5000})
    assert french.status_code == 400
    assert 'lang="fr"' in french.content.decode()


def test_too_many_fields_get_a_styled_page(settings) -> None:
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    person = PersonFactory()
    client = _client()
    client.force_login(person.user)
    response = client.post("/en/actors/me/", {f"f{n}": "x" for n in range(20)})
    assert response.status_code == 400
    assert "too many fields" in response.content.decode()


def test_an_api_body_over_the_size_limit_gets_a_problem(settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"summary": "x" * 5000})
    response = _client().patch(API_URL, body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM

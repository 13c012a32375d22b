"""Malformed input never yields a server error: generated input (random and huge strings,
any Unicode, NUL bytes, numbers out of range, wrong types, lists where one value is expected,
missing and unexpected fields, random files) is sent to every form of the site, as a role that
may use it, and to every page's query string. Hypothesis keeps the examples few (the suite
must stay fast) but different on every run."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .permission_table import ROWS, Row
from .world import ROLES, World, request_as

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("security-fuzz")]

FIELD = re.compile(r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"', re.IGNORECASE)
FILE_FIELD = re.compile(r'<input\b[^>]*type="file"[^>]*\bname="([^"]+)"', re.IGNORECASE)
SKIP = {"csrfmiddlewaretoken"}
TRICKY = (
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "99999999999999999999999999",
    "1e309",
    "nan",
    "-inf",
    "2026-02-30",
    "0000-00-00",
    "on",
    "true",
    "null",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "../../etc/passwd",
    "\x00",
    "a\x00b",
    "\u202e\u200b\ufeff",
    "\U0001d518\U0001d52b\U0001d526 \U0001f600",  # mathematical letters, an emoji
    "' OR 1=1 --",
    "%s%s%n",
)
VALUE = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=30),
    st.text(st.characters(codec="utf-8"), min_size=200, max_size=2000),
    st.just("x" * 100_000),
    st.integers().map(str),
    st.lists(st.sampled_from(TRICKY), min_size=2, max_size=3),
)
FILE = st.builds(
    lambda name, content: SimpleUploadedFile(name, content),
    st.sampled_from(["a.pdf", "b.png", "../../c.exe", "d", "é.odt", "x" * 300 + ".pdf"]),
    st.one_of(
        st.binary(max_size=300),
        st.just(b"%PDF-1.4 not really"),
        st.just(b"PK\x03\x04broken zip"),
        st.just(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
    ),
)
FUZZ = settings(
    max_examples=6,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def first_role(letters: str, allowed: str) -> str | None:
    return next((r for r, want in zip(ROLES, letters, strict=True) if want in allowed), None)


def url_of(world: World, row: Row) -> str:
    path = reverse(row.name, kwargs=row.kw(world))
    return path if path.startswith(("/api/", "/healthz", "/livez", "/metrics")) else "/en" + path


def form_fields(world: World, row: Row, role: str, url: str) -> tuple[list[str], list[str]]:
    names = set(row.data(world))
    files: set[str] = set()
    if row.get[ROLES.index(role)] == "o":
        page = request_as(world, role, "GET", url)
        if not page.streaming and "html" in page.get("Content-Type", ""):
            html = page.content.decode(errors="replace")
            names |= set(FIELD.findall(html))
            files |= set(FILE_FIELD.findall(html))
    return sorted(names - SKIP - files), sorted(files)


POSTED = [r for r in ROWS if first_role(r.post, "or") is not None]
QUERIED = [r for r in ROWS if first_role(r.get, "o") is not None]


@pytest.mark.parametrize("row", POSTED, ids=lambda r: r.id)
def test_forms_never_fail_on_malformed_input(world: World, row: Row) -> None:
    role = first_role(row.post, "or")
    url = url_of(world, row)
    names, files = form_fields(world, row, role, url)

    @FUZZ
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        payload = data.draw(
            st.fixed_dictionaries(
                {},
                optional={
                    **dict.fromkeys(names, VALUE),
                    **dict.fromkeys(files, FILE),
                    "unexpected": VALUE,
                },
            )
        )
        response = request_as(world, role, row.write, url, payload, api=row.api)
        assert response.status_code < 500, (url, role, payload, response.status_code)

    check()


@pytest.mark.parametrize("row", QUERIED, ids=lambda r: r.id)
def test_pages_never_fail_on_a_malformed_query(world: World, row: Row) -> None:
    role = first_role(row.get, "o")
    url = url_of(world, row)
    names = ["page", "q", "sort", "format", "tab", "kind", "status", "threshold", "a", "b",
             "action", "since", "part", "programme"]  # fmt: skip

    @settings(FUZZ, max_examples=3)
    @given(query=st.dictionaries(st.sampled_from(names), VALUE, max_size=4))
    def check(query: dict[str, object]) -> None:
        response = request_as(world, role, "GET", url, query, api=row.api)
        assert response.status_code < 500, (url, role, query, response.status_code)

    check()

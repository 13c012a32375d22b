"""One permission table for the whole site (``permission_table.py``): every view, every role,
GET and POST, asserted against the real views; and a view without a row fails the build."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .permission_table import ROWS, Row
from .world import ROLES, World, request_as

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("security-table")]


def named_views() -> set[str]:
    """Every named URL pattern of the site outside the administration."""
    names: set[str] = set()

    def walk(resolver: URLResolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(pattern, f"{namespace}:{inner}" if namespace and inner else inner or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), "")
    return {n for n in names if not n.startswith("admin:")}


def outcome(response) -> str:
    code = response.status_code
    if code == 405:
        return "m"
    if code == 401:
        return "u"
    if 300 <= code < 400:
        return "l" if "/accounts/login/" in response["Location"] else "r"
    if code in (403, 404):
        return "d"
    if 200 <= code < 300:
        return "o"
    return str(code)[0]


def test_every_view_has_a_row() -> None:
    missing = named_views() - {row.name for row in ROWS}
    assert not missing, f"views without a row in the permission table: {sorted(missing)}"
    stale = {row.name for row in ROWS} - named_views()
    assert not stale, f"rows for views that no longer exist: {sorted(stale)}"


def url_of(world: World, row: Row) -> str:
    """The view's address, in English where pages have a language."""
    path = reverse(row.name, kwargs=row.kw(world))
    return path if path.startswith(("/api/", "/healthz", "/livez", "/metrics")) else "/en" + path


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_permission_table(world: World, row: Row) -> None:
    url = url_of(world, row)
    failures = []
    for method, expected in (("GET", row.get), (row.write, row.post)):
        for role, want in zip(ROLES, expected, strict=True):
            if want == ".":
                continue
            response = request_as(world, role, method, url, row.data(world), api=row.api)
            got = outcome(response)
            if got != want:
                failures.append(f"{method} as {role}: expected {want}, got {got}"
                                f" ({response.status_code})")  # fmt: skip
    assert not failures, f"{url}\n" + "\n".join(failures)

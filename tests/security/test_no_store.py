"""Pages and files with people's names and e-mails, or a secret shown once, are kept by no
cache: ``Cache-Control: private, no-store`` (F15)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from alliage.imports.services import KINDS, template_rows

from .permission_table import assembly
from .world import World, request_as

pytestmark = pytest.mark.django_db


def people_csv() -> SimpleUploadedFile:
    kind = next(iter(KINDS))
    columns, example = template_rows(kind)
    buffer = io.StringIO()
    csv.writer(buffer).writerows([columns, example])
    return SimpleUploadedFile(f"{kind}.csv", buffer.getvalue().encode(), "text/csv")


# name → (role, method, url, data)
EXPORTS: dict[str, Callable[[World], tuple[str, str, str, Any]]] = {
    "actors:membership-csv": lambda w: ("team", "GET", reverse("team:actors:membership-csv"), None),
    "agenda:event-attendees": lambda w: (
        "team", "GET", reverse("agenda:event-attendees", args=[w.event.slug]), {"format": "csv"}
    ),
    "calls:ranking": lambda w: (
        "team", "GET", reverse("calls:ranking", args=[w.call.slug]), {"format": "csv"}
    ),
    "calls:attachment": lambda w: (
        "team", "GET", reverse("calls:attachment", args=[w.submission.pk]), None
    ),
    "evaluation:coalition-impact-csv": lambda w: (
        "lead", "GET", reverse("evaluation:coalition-impact-csv", args=[w.coalition.slug]), None
    ),
    "evaluation:programme-impact-csv": lambda w: (
        "team", "GET", reverse("evaluation:programme-impact-csv", args=[w.programme.slug]), None
    ),
    "imports:preview": lambda w: (
        "admin", "POST", reverse("team:imports:preview"),
        {"kind": next(iter(KINDS)), "file": people_csv()},
    ),
    "assembly:minutes-csv": lambda w: (
        "team", "GET", reverse("assembly:minutes-csv", args=[assembly(w)["slug"]]), None
    ),
    "api-tokens": lambda w: (
        "person", "POST", reverse("api-tokens"), {"name": "Mon script", "scope": "read"}
    ),
}  # fmt: skip

# Downloads anyone may fetch and cache: open data, an empty import template.
PUBLIC = {"commons:opendata-csv", "imports:template"}


@pytest.mark.parametrize("name", EXPORTS)
def test_every_export_is_kept_by_no_cache(world: World, name: str) -> None:
    role, method, url, data = EXPORTS[name](world)
    response = request_as(world, role, method, url, data)
    assert response.status_code == 200, (name, response.status_code)
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives, (name, response["Cache-Control"])


def test_a_new_tokens_secret_is_in_the_page_that_no_cache_keeps(world: World) -> None:
    role, method, url, data = EXPORTS["api-tokens"](world)
    response = request_as(world, role, method, url, data)
    assert "alliage_" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, str]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            space = f"{entry.namespace}:" if entry.namespace else ""
            yield from _patterns(entry, prefix + space if entry.namespace != "team" else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, str(entry.pattern)


def test_no_download_of_the_site_is_forgotten_here() -> None:
    """A new .csv/.xlsx address must be listed above, as private or as public."""
    downloads = {
        name
        for name, route in _patterns(get_resolver())
        if route.endswith((".csv", ".xlsx")) or "export" in route
    }
    forgotten = downloads - set(EXPORTS) - PUBLIC - {"selfdata:export-request"}
    assert not forgotten

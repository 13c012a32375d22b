"""Coalition list at scale: 10,000 coalitions, 100,000 actors.

Builds the data set once in a database file (SQLite under var/bench by default, or the
database in ALLIAGE_DATABASE_URL), then times, side by side in one run:
- a minimal Django view (one query, 20 titles, no template) — the floor;
- our /coalitions/ page: first page, a deep page, filters, a text search;
- our coalition page and the actors directory.
Prints p50 / p95 / max in milliseconds and the number of queries per request.

    .venv/bin/python bench/coalition_list.py [--coalitions 10000] [--actors 100000] [--runs 200]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
VAR.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("ALLIAGE_VAR_DIR", str(VAR))
os.environ.setdefault("ALLIAGE_DATABASE_URL", f"sqlite:///{VAR / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliage.settings.base")
os.environ.setdefault("ALLIAGE_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import path  # noqa: E402

from alliage.actors.models import Affiliation, Organisation, OrganisationKind, Person  # noqa: E402
from alliage.coalitions.models import (  # noqa: E402
    Coalition,
    CoalitionMember,
    CoalitionStatus,
    Programme,
)
from alliage.core.models import User  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import WORDS  # noqa: E402


def build(coalitions: int, actors: int) -> None:
    rnd = random.Random(7)
    kinds = list(OrganisationKind.values)
    statuses = list(CoalitionStatus.values)
    organisations_n = actors // 10
    people_n = actors - organisations_n
    print(f"building {coalitions} coalitions, {organisations_n} organisations, {people_n} people…")
    with transaction.atomic():
        programmes = [
            Programme.objects.create(slug=f"bench-{i}", name=f"Programme {i}", kind="collective")
            for i in range(5)
        ]
        Organisation.objects.bulk_create(
            (
                Organisation(slug=f"org-{i}", name=f"Organisation {i}", kind=kinds[i % len(kinds)])
                for i in range(organisations_n)
            ),
            batch_size=5000,
        )
        User.objects.bulk_create(
            (User(email=f"p{i}@bench.example.org", password="!") for i in range(people_n)),
            batch_size=5000,
        )
        user_ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
        Person.objects.bulk_create(
            (Person(user_id=uid, first_name="Prénom", last_name=f"Nom {uid}") for uid in user_ids),
            batch_size=5000,
        )
        org_ids = list(Organisation.objects.values_list("pk", flat=True))
        person_ids = list(Person.objects.values_list("pk", flat=True))
        Affiliation.objects.bulk_create(
            (Affiliation(person_id=pid, organisation_id=rnd.choice(org_ids)) for pid in person_ids),
            batch_size=5000,
        )
        Coalition.objects.bulk_create(
            (
                Coalition(
                    programme=programmes[i % 5],
                    slug=f"coalition-{i}",
                    title=f"Coalition {i} : {' '.join(rnd.sample(WORDS, 3))}",
                    summary=" ".join(rnd.sample(WORDS, 8)),
                    diagnostic=" ".join(rnd.choices(WORDS, k=120)),
                    status=statuses[i % len(statuses)],
                )
                for i in range(coalitions)
            ),
            batch_size=2000,
        )
        coalition_ids = list(Coalition.objects.values_list("pk", flat=True))
        members = []
        for cid in coalition_ids:
            for j, pid in enumerate(rnd.sample(person_ids, 6)):
                members.append(
                    CoalitionMember(
                        coalition_id=cid,
                        person_id=pid,
                        organisation_id=rnd.choice(org_ids),
                        role="lead" if j == 0 else "member",
                    )
                )
        CoalitionMember.objects.bulk_create(members, batch_size=5000)


def minimal_view(request: HttpRequest) -> HttpResponse:
    titles = Coalition.objects.published().order_by("-updated_at", "-id")
    body = "".join(f"<li>{t}</li>" for t in titles.values_list("title", flat=True)[:20])
    return HttpResponse(f"<ul>{body}</ul>")


class BenchUrls:
    from alliage.urls import urlpatterns as site

    urlpatterns = [path("bench/minimal/", minimal_view), *site]


def measure(client: Client, url: str, runs: int) -> tuple[list[float], int]:
    """Timings with production settings (DEBUG off: cached templates, no query log), then
    one more request under a query counter."""
    client.get(url)  # warm up
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return timings, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coalitions", type=int, default=10_000)
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if Coalition.objects.count() < args.coalitions:
        build(args.coalitions, args.actors)
    print(
        f"database: {connection.vendor}; {Coalition.objects.count()} coalitions, "
        f"{Person.objects.count() + Organisation.objects.count()} actors\n"
    )
    sample = Coalition.objects.order_by("pk")[args.coalitions // 2]
    cases = [
        ("minimal Django view (floor)", "/bench/minimal/"),
        ("/coalitions/ page 1", "/coalitions/"),
        ("/coalitions/ page 250", "/coalitions/?page=250"),
        ("/coalitions/ status+kind filter", "/coalitions/?status=active&kind=research"),
        ("/coalitions/ text search", "/coalitions/?q=sobri%C3%A9t%C3%A9+territoire"),
        ("/coalitions/ htmx partial", "/coalitions/?status=forming"),
        ("coalition page", sample.get_absolute_url()),
        ("/actors/ directory", "/actors/"),
        ("coalition impact report", sample.get_absolute_url() + "impact/"),
        ("programme impact report", "/programmes/bench-0/impact/"),
        ("API /api/v1/coalitions page 1", "/api/v1/coalitions"),
        ("API /api/v1/coalitions page 100", "/api/v1/coalitions?page=100&page_size=100"),
        ("API coalition detail", f"/api/v1/coalitions/{sample.slug}"),
    ]
    client = Client()
    print(f"{'case':36} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    # The API's rate limit would stop the benchmark's own requests: lift it for the run.
    unlimited = {"read": "1000000/m", "write": "1000000/m"}
    with override_settings(ROOT_URLCONF=BenchUrls, ALLIAGE_API_RATES=unlimited):
        for label, url in cases:
            headers = {"HTTP_HX_REQUEST": "true"} if "htmx" in label else {}
            client.defaults = headers
            timings, queries = measure(client, url, args.runs)
            p95 = statistics.quantiles(timings, n=20)[-1]
            print(
                f"{label:36} {statistics.median(timings):8.1f} {p95:8.1f} "
                f"{max(timings):8.1f} {queries:8d}"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()

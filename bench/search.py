"""Full-text search at 10,000 and 100,000 coalitions (core.search), on the database of
ALLIAGE_DATABASE_URL (SQLite under var/bench by default).

Fills the coalitions table (bulk inserts: the database's triggers index every row), then times
the coalition list's search as the page runs it — the count and the first page of 20 — for a
common query, the same without accents, a rare word and a word found nowhere; grows the table
tenfold and times again. On PostgreSQL it also prints whether the planner, left to itself,
uses the GIN index. Prints p50 / p95 in milliseconds.

    .venv/bin/python bench/search.py [--sizes 10000 100000] [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
VAR.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("ALLIAGE_VAR_DIR", str(VAR))
os.environ.setdefault("ALLIAGE_DATABASE_URL", f"sqlite:///{VAR / 'search.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliage.settings.base")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from alliage.coalitions.models import Coalition, CoalitionStatus, Programme  # noqa: E402
from alliage.coalitions.selectors import coalition_list  # noqa: E402

WORDS = [
    "sobriété", "numérique", "données", "personnelles", "territoire", "inclusion", "emploi",
    "énergie", "mobilité", "santé", "éducation", "achats", "publics", "conception",
    "responsable", "médiation", "résilience", "réemploi",
]  # fmt: skip
PHRASES = [
    "allonger la durée de vie des équipements",
    "réduire le poids des pages",
    "un référentiel ouvert d'écoconception",
    "mesurer l'empreinte des services numériques",
    "le reconditionnement des smartphones",
    "des infrastructures mutualisées et sobres",
    "accompagner les habitants éloignés du numérique",
    "ouvrir les données des transports publics",
    "une commande publique qui exige la durabilité",
    "partager les retours d'expérience entre territoires",
    "évaluer l'impact avec des indicateurs publics",
]
QUERIES = [
    ("common (2 words)", "sobriété territoire"),
    ("common, no accents", "sobriete territoire"),
    ("rare word (0.1 %)", "funiculaire"),
    ("found nowhere", "zorglub"),
]


def grow(to: int) -> None:
    have = Coalition.objects.count()
    if have >= to:
        return
    rnd = random.Random(have)
    programme, _ = Programme.objects.get_or_create(slug="bench-search", defaults={"name": "Bench"})
    started = time.perf_counter()
    with transaction.atomic():
        for start in range(have, to, 5000):
            rows = []
            for i in range(start, min(start + 5000, to)):
                rare = " funiculaire" if i % 1000 == 0 else ""
                rows.append(
                    Coalition(
                        programme=programme,
                        slug=f"bench-search-{i}",
                        title=f"Coalition {i} : {' '.join(rnd.sample(WORDS, 3))}",
                        summary=rnd.choice(PHRASES) + rare,
                        status=CoalitionStatus.ACTIVE,
                        is_published=True,
                        diagnostic=" ".join(rnd.sample(PHRASES, 3)),
                        impact_statement=rnd.choice(PHRASES),
                        levers="\n".join(f"- {p}" for p in rnd.sample(PHRASES, 2)),
                    )
                )
            Coalition.objects.bulk_create(rows, batch_size=1000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE coalitions_coalition")
    print(f"  inserted {to - have} coalitions in {time.perf_counter() - started:.1f} s")


def timed(fn, runs: int) -> tuple[float, float]:
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def plan(sql: str, params: tuple) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        lines = [row[0] for row in cursor.fetchall()]
    scans = [line.strip().split("  (")[0] for line in lines if "Scan" in line]
    return "; ".join(scans)


def measure(runs: int) -> dict[str, tuple[float, float, float, float, int]]:
    anon = AnonymousUser()
    out = {}
    for label, q in QUERIES:
        # The search's own first look is in these times: ``coalition_list`` runs it.
        p50s, _ = timed(lambda q=q: coalition_list(viewer=anon, q=q), runs)
        print(f"    {label}: first look (ids of at most 500 matches) p50 {p50s:.1f} ms")
        qs = coalition_list(viewer=anon, q=q)
        count = qs.count()
        p50c, p95c = timed(lambda qs=qs: qs.count(), runs)
        p50p, p95p = timed(lambda qs=qs: list(qs[:20]), runs)
        out[label] = (p50c, p95c, p50p, p95p, count)
        if connection.vendor == "postgresql" and count:
            page_sql = qs[:20].query.sql_with_params()
            count_sql = qs.query.sql_with_params()
            print(f"    {label}: page plan {plan(*page_sql)}; filter plan {plan(*count_sql)}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    results = {}
    for size in args.sizes:
        print(f"{connection.vendor}: {size} coalitions")
        grow(size)
        results[size] = measure(args.runs)
    print(f"\n{'query':22} {'size':>7} {'matches':>8} {'count p50':>10} {'p95':>7} "
          f"{'page p50':>9} {'p95':>7}  (ms)")  # fmt: skip
    for label, _ in QUERIES:
        for size in args.sizes:
            p50c, p95c, p50p, p95p, count = results[size][label]
            print(
                f"{label:22} {size:7d} {count:8d} {p50c:10.1f} {p95c:7.1f} {p50p:9.1f} {p95p:7.1f}"
            )


if __name__ == "__main__":
    main()

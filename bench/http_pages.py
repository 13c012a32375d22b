"""Every page served the way production serves it: gunicorn, production settings, over HTTP.

For each scale (``--scales 0.1,1,10``: 1,000, 10,000 and 100,000 coalitions; see ``_seed.py``
for the volumes), in a process of its own:
1. the database (PostgreSQL ``alliage_bench_<size>``, or SQLite with ``--sqlite``) is migrated,
   seeded in bulk once and reused (a marker row keeps the scale and the seed's version;
   ``--reseed`` starts again), then every app's derived data is rebuilt (search vectors, kept
   counts, matching index: ``_seed.derived_rebuild``) — again whenever a migration was applied;
2. gunicorn starts with ``alliage.settings.production`` (through ``bench_settings``: the same,
   plus ``/bench-floor/``, a minimal view, and a query counter that only counts when asked)
   and 2 workers, on 127.0.0.1;
3. every page is fetched once (the smoke check: any answer but 200 is reported, and stops the
   run unless ``--keep-going``), which also counts its queries; then each page is driven by
   threads with keep-alive ``http.client`` connections, at 1 and at 8 connections, for
   ``--requests`` requests or ``--duration`` seconds, whichever comes first, signed out and,
   for some, signed in (a session made in the database, sent as the session cookie);
4. a Markdown table per scale: req/s, p50 / p95 / p99 in ms, queries per request, and each
   page's throughput as a share of the floor's in the same run.

Results are kept in ``<var>/results.json`` as they come: ``--resume`` skips what was measured.

    .venv/bin/python bench/http_pages.py --scales 0.1              # PostgreSQL, 1,000 coalitions
    .venv/bin/python bench/http_pages.py --scales 0.1,1,10 --duration 5
    .venv/bin/python bench/http_pages.py --scales 0.01 --sqlite --pages coalition,agenda
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SRC = ROOT / "src"
HOST = "127.0.0.1"
BENCH_SECRET = "bench-only-secret-" + "x" * 48  # a local benchmark's, never a deployment's


# --- arguments and environment -------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="0.1", help="comma-separated, 1 = 10,000 coalitions")
    parser.add_argument("--scale", type=float, help=argparse.SUPPRESS)  # one scale, in a child
    parser.add_argument("--pages", default="", help="comma-separated parts of page names")
    parser.add_argument("--connections", default="1,8")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per measure, at most")
    parser.add_argument("--requests", type=int, default=300, help="requests per measure, at most")
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    parser.add_argument("--database-url", default="", help="instead of the default database")
    parser.add_argument("--var-dir", default="", help="default: var/bench-http-<db>-<size>")
    parser.add_argument("--port", type=int, default=8741)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync", help="gunicorn's, e.g. gthread")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn's, with gthread")
    parser.add_argument("--cache-url", default=os.environ.get("ALLIAGE_CACHE_URL", ""))
    parser.add_argument(
        "--no-page-cache", action="store_true", help="serve every page cold (ALLIAGE_PAGE_CACHE=0)"
    )
    parser.add_argument("--reseed", action="store_true", help="drop the data set and seed again")
    parser.add_argument("--rebuild-derived", action="store_true", help="rebuild derived data")
    parser.add_argument("--resume", action="store_true", help="skip pages already measured")
    parser.add_argument("--keep-going", action="store_true", help="measure despite failed pages")
    parser.add_argument("--seed-only", action="store_true", help="seed, then stop")
    return parser.parse_args(argv)


def size_label(scale: float) -> str:
    coalitions = round(10_000 * scale)
    return f"{coalitions // 1000}k" if coalitions >= 1000 else str(coalitions)


def scale_env(args: argparse.Namespace, scale: float) -> dict[str, str]:
    label = size_label(scale)
    db = "sqlite" if args.sqlite else "pg"
    var = (
        Path(args.var_dir) / f"{db}-{label}"
        if args.var_dir
        else ROOT / "var" / f"bench-http-{db}-{label}"
    )
    if args.database_url:
        url = args.database_url
    elif args.sqlite:
        url = f"sqlite:///{var / 'bench.sqlite3'}"
    else:
        url = f"postgres://postgres@127.0.0.1:5432/alliage_bench_{label}"
    return {
        "ALLIAGE_DATABASE_URL": url,
        "ALLIAGE_VAR_DIR": str(var),
        "ALLIAGE_SECRET_KEY": os.environ.get("ALLIAGE_SECRET_KEY", BENCH_SECRET),
        "ALLIAGE_ALLOWED_HOSTS": f"{HOST},localhost",
        "ALLIAGE_CACHE_URL": args.cache_url,
        "ALLIAGE_PAGE_CACHE": "0" if args.no_page_cache else "1",
        # The load generator is one address: the API's limit would answer 429 to the run.
        "ALLIAGE_API_READ_RATE": "100000000/m",
        "ALLIAGE_BASE_URL": f"https://{HOST}:{args.port}",
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join([str(SRC), str(BENCH)]),
    }


# --- the parent: one child process per scale ----------------------------------------------


def main() -> None:
    args = parse_args()
    if args.scale is not None:
        sys.exit(run_scale(args, args.scale))
    scales = [float(s) for s in args.scales.split(",") if s.strip()]
    forwarded = sys.argv[1:]
    failed = []
    for scale in scales:
        print(f"\n=== scale {scale} ({size_label(scale)} coalitions) ===", flush=True)
        code = subprocess.call(  # noqa: S603 (this script, its own arguments)
            [sys.executable, __file__, *forwarded, "--scale", str(scale)]
        )
        if code:
            failed.append(scale)
            print(f"!! scale {scale} ended with status {code}", flush=True)
    if args.seed_only:
        sys.exit(1 if failed else 0)
    print("\n\n## Results\n")
    for scale in scales:
        results = Path(scale_env(args, scale)["ALLIAGE_VAR_DIR"]) / "results.json"
        if results.exists():
            print(report(json.loads(results.read_text()), args))
    sys.exit(1 if failed else 0)


# --- a child: one scale --------------------------------------------------------------------


def prepare_database(args: argparse.Namespace, url: str) -> None:
    """Create the PostgreSQL database if missing (dropped first with ``--reseed``), or remove
    the SQLite file with ``--reseed``."""
    if url.startswith("sqlite:"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if args.reseed:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if args.reseed:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def run_scale(args: argparse.Namespace, scale: float) -> int:
    env = scale_env(args, scale)
    os.environ.update(env)
    var = Path(env["ALLIAGE_VAR_DIR"])
    var.mkdir(parents=True, exist_ok=True)
    sys.path[:0] = [str(SRC), str(BENCH)]
    prepare_database(args, env["ALLIAGE_DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    import _seed

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}", flush=True)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    applied = MigrationRecorder(connection).applied_migrations()
    print(f"migrated in {time.perf_counter() - started:.1f} s", flush=True)
    marker = _seed.marker_read()
    if marker and (marker["scale"] != scale or marker["version"] != _seed.SEED_VERSION):
        print(f"!! the database holds scale {marker['scale']} v{marker['version']}: --reseed")
        return 2
    rebuild = args.rebuild_derived
    if marker is None:
        from alliage.coalitions.models import Programme

        if Programme.objects.exists():
            print("!! the database holds data but no seed marker (an interrupted seed?): --reseed")
            return 2
        started = time.perf_counter()
        seeded = _seed.seed(scale)
        load_seconds = time.perf_counter() - started
        print(f"loaded {sum(seeded.counts.values()):,} rows in {load_seconds:.1f} s", flush=True)
        for table, n in sorted(seeded.counts.items(), key=lambda kv: -kv[1])[:12]:
            print(f"   {table:40} {n:>10,} {seeded.seconds[table]:7.1f} s")
        # The marker is written as soon as the rows are in, the derived data still to do:
        # a run stopped during the rebuild resumes with the rebuild, not with a new seed.
        marker = {
            "scale": scale,
            "version": _seed.SEED_VERSION,
            "counts": seeded.counts,
            "load_seconds": load_seconds,
            "derived_done": False,
            "migrations": len(applied),
        }
        _seed.marker_write(scale, marker)
        rebuild = True
    elif not marker.get("derived_done", True):
        print("the derived data of the seed were not finished: rebuilt", flush=True)
        rebuild = True
    elif marker.get("migrations") != len(applied):
        print("migrations were applied since the seed: derived data rebuilt", flush=True)
        rebuild = True
    if rebuild:
        started = time.perf_counter()
        analyze()
        marker["derived"] = _seed.derived_rebuild()
        analyze()
        marker["derived_seconds"] = time.perf_counter() - started
        marker["migrations"] = len(applied)
        marker["derived_done"] = True
        _seed.marker_clear()
        _seed.marker_write(scale, marker)
    print(
        f"data set: scale {scale}, loaded in {marker['load_seconds']:.1f} s, derived data in "
        f"{marker.get('derived_seconds', 0):.1f} s",
        flush=True,
    )
    if args.seed_only:
        return 0

    call_command("collectstatic", interactive=False, verbosity=0)
    cases = build_cases()
    wanted = [p.strip() for p in args.pages.split(",") if p.strip()]
    if wanted:
        cases = [c for c in cases if c.key == "floor" or any(w in c.key for w in wanted)]
    cookies = sessions()
    connection.close()

    results_path = var / "results.json"
    results: dict[str, Any] = {}
    if args.resume and results_path.exists():
        results = json.loads(results_path.read_text())
    results["meta"] = {
        "scale": scale,
        "database": "SQLite" if args.sqlite else "PostgreSQL",
        "coalitions": marker["counts"].get("coalitions_coalition"),
        "rows": sum(marker["counts"].values()),
        "load_seconds": marker["load_seconds"],
        "derived_seconds": marker.get("derived_seconds", 0),
        "workers": args.workers,
        "worker_class": args.worker_class,
        "duration": args.duration,
        "requests": args.requests,
    }
    results.setdefault("pages", {})
    connections = [int(c) for c in args.connections.split(",")]

    server = Gunicorn(args, env, var)
    try:
        server.start()
        client = Client(args.port, cookies)
        failures = smoke(client, cases, results)
        save(results_path, results)
        if failures:
            print("\n!!!! PAGES THAT DID NOT ANSWER 200 !!!!")
            for case, status, note in failures:
                print(f"!!  {status}  {case.key}  {case.path}  {note}")
            if not args.keep_going:
                print("!! stopped (--keep-going measures the others)")
                return 1
        failed = {case.key for case, _, _ in failures}
        floor_case = next(c for c in cases if c.key == "floor")
        for c in connections:
            results["pages"]["floor"].setdefault("runs", {})
            results["pages"]["floor"]["runs"][f"{c}"] = asdict(measure(client, floor_case, c, args))
        for case in cases:
            if case.key == "floor" or case.key in failed:
                continue
            row = results["pages"][case.key]
            for c in connections:
                if args.resume and str(c) in row.get("runs", {}):
                    continue
                run = measure(client, case, c, args)
                row.setdefault("runs", {})[str(c)] = asdict(run)
                print(
                    f"   {case.key:44} @{c}: {run.rps:8.1f} req/s  p95 {run.p95:8.1f} ms"
                    f"{'  ' + str(run.errors) + ' errors' if run.errors else ''}",
                    flush=True,
                )
            save(results_path, results)
        # The floor again, after: the share uses the mean of both, so that a drift of the
        # machine during the run (other processes) shows as a gap between them.
        for c in connections:
            again = measure(client, floor_case, c, args)
            results["pages"]["floor"]["runs"][f"{c}-after"] = asdict(again)
        save(results_path, results)
    finally:
        server.stop()
    return 0


def analyze() -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL's autovacuum would get there
    later; SQLite has none until asked)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def save(path: Path, results: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=1))
    tmp.replace(path)


# --- pages ---------------------------------------------------------------------------------


@dataclass
class Case:
    key: str
    path: str
    who: str = "anon"  # anon, member (a coalition's lead), team (the call's programme team)


def build_cases() -> list[Case]:
    """Every page type, on objects from the middle of the data set."""
    from django.db.models import Count

    from alliage.actors.models import Organisation, Person
    from alliage.agenda.models import Audience, Event
    from alliage.calls.models import Call, Submission
    from alliage.coalitions.models import Coalition, CoalitionMember, Programme
    from alliage.commons.models import Publication
    from alliage.evaluation.models import Indicator

    published = Coalition.objects.published()
    total = published.count()
    coalition = published.order_by("pk")[total // 2]
    programme = coalition.programme
    organisation = Organisation.objects.order_by("pk")[Organisation.objects.count() // 2]
    person = Person.objects.order_by("pk")[Person.objects.count() // 2]
    now = time.time()
    import datetime as dt

    soon = dt.datetime.fromtimestamp(now, tz=dt.UTC) + dt.timedelta(days=7)
    event = (
        Event.objects.filter(audience=Audience.PUBLIC, starts_at__gte=soon)
        .order_by("starts_at")
        .first()
    )
    # The closed call with the most proposals, for its ranking; an open one for its page.
    call = (
        Call.objects.filter(closes_at__lt=dt.datetime.fromtimestamp(now, tz=dt.UTC))
        .annotate(n=Count("submissions"))
        .order_by("-n", "pk")
        .first()
    )
    submission = Submission.objects.filter(call=call, status="submitted").order_by("pk").first()
    publication = Publication.objects.exclude(kind="dataset").order_by("pk").first()
    dataset = Publication.objects.filter(kind="dataset").order_by("pk").first()
    indicator = Indicator.objects.filter(coalition=coalition, is_public=True).first()
    deepest = max(1, math.ceil(total / 20))
    api_deepest = max(1, math.ceil(total / 100))
    year, month = time.gmtime(now)[:2]
    lead = CoalitionMember.objects.filter(coalition=coalition, role="lead").first()
    assert lead is not None and event and call and submission and publication and dataset
    Programme.objects.get(pk=programme.pk)

    c, p = coalition.slug, programme.slug
    similar = urllib.parse.urlencode({"title": "sobriété numérique dans les territoires"})
    pages = [
        Case("floor", "/bench-floor/"),
        Case("home", "/"),
        Case("home (signed in: my space)", "/me/", "member"),
        Case("programme", f"/programmes/{p}/"),
        Case("coalitions: page 1", "/coalitions/"),
        Case("coalitions: page 1 (signed in)", "/coalitions/", "member"),
        Case(f"coalitions: deepest page ({deepest})", f"/coalitions/?page={deepest}"),
        Case("coalitions: ?programme=", f"/coalitions/?programme={p}"),
        Case("coalitions: ?status=active", "/coalitions/?status=active"),
        Case("coalitions: ?kind=research", "/coalitions/?kind=research"),
        Case("coalitions: ?status=&kind=", "/coalitions/?status=active&kind=research"),
        Case("coalitions: search", "/coalitions/?q=sobri%C3%A9t%C3%A9+territoire"),
        Case("coalition page", f"/coalitions/{c}/"),
        Case("coalition page (signed in)", f"/coalitions/{c}/", "member"),
        Case("canvas history", f"/coalitions/{c}/history/"),
        Case("coalition impact report", f"/coalitions/{c}/impact/"),
        Case("programme impact report", f"/programmes/{p}/impact/"),
        Case("directory", "/actors/"),
        Case("directory (signed in)", "/actors/", "member"),
        Case("organisation profile", f"/actors/organisations/{organisation.slug}/"),
        Case("person profile", f"/actors/people/{person.pk}/"),
        Case("agenda", "/agenda/"),
        Case("agenda (signed in)", "/agenda/", "member"),
        Case("month view", f"/agenda/month/{year}/{month}/"),
        Case("event page", f"/agenda/{event.slug}/"),
        Case("feed: agenda .ics", "/agenda/calendar.ics"),
        Case("feed: programme .ics", f"/agenda/programmes/{p}.ics"),
        Case("feed: coalition .ics", f"/agenda/coalitions/{c}.ics"),
        Case("feed: event .ics", f"/agenda/{event.slug}/event.ics"),
        Case("feed: personal .ics", f"/agenda/feed/{PERSONAL_TOKEN}.ics"),
        Case("feed: library RSS", "/library/feed.rss"),
        Case("feed: library Atom", "/library/feed.atom"),
        Case("feed: articles RSS", "/library/articles/feed.rss"),
        Case("feed: programme library RSS", f"/programmes/{p}/library/feed.rss"),
        Case("feed: catalog JSON-LD", "/catalog.jsonld"),
        Case("calls list", "/calls/"),
        Case("calls list (signed in)", "/calls/", "member"),
        Case("call page", f"/calls/{call.slug}/"),
        Case("ranking (team)", f"/calls/{call.slug}/ranking/", "team"),
        Case("proposal page (team)", f"/calls/submissions/{submission.pk}/", "team"),
        Case("library", "/library/"),
        Case("publication", f"/library/{publication.slug}/"),
        Case("dataset", f"/library/{dataset.slug}/"),
        Case("dataset JSON-LD", f"/library/{dataset.slug}/dataset.jsonld"),
        Case("open data", "/opendata/"),
        Case("API programmes", "/api/v1/programmes"),
        Case("API programme", f"/api/v1/programmes/{p}"),
        Case("API coalitions", "/api/v1/coalitions"),
        Case(
            f"API coalitions deepest ({api_deepest}x100)",
            f"/api/v1/coalitions?page={api_deepest}&page_size=100",
        ),
        Case("API coalition", f"/api/v1/coalitions/{c}"),
        Case("API coalition indicators", f"/api/v1/coalitions/{c}/indicators"),
        Case("API events", "/api/v1/events"),
        Case("API event", f"/api/v1/events/{event.slug}"),
        Case("API calls", "/api/v1/calls"),
        Case("API call", f"/api/v1/calls/{call.slug}"),
        Case("API publications", "/api/v1/publications"),
        Case("API publication", f"/api/v1/publications/{publication.slug}"),
        Case("API datasets", "/api/v1/datasets"),
        Case("API dataset", f"/api/v1/datasets/{dataset.slug}"),
        Case("actors to invite (member)", f"/coalitions/{c}/invite/", "member"),
        Case(
            "coalitions for an organisation",
            f"/actors/organisations/{organisation.slug}/coalitions-for/",
        ),
        Case(
            "coalitions for a person (themselves)",
            f"/actors/people/{lead.person_id}/coalitions-for/",
            "member",
        ),
        Case("similar ideas", f"/matching/similar/?{similar}"),
    ]
    if indicator is not None:
        pages.insert(
            pages.index(next(x for x in pages if x.key == "API events")),
            Case("API indicator measurements", f"/api/v1/indicators/{indicator.pk}/measurements"),
        )
    global SAMPLES
    SAMPLES = {"member": lead.person.user_id, "team": next(iter(programme_team(call.programme_id)))}
    return pages


PERSONAL_TOKEN = "bench-personal-calendar-token-0123456789"  # noqa: S105 (a local bench's)
SAMPLES: dict[str, int] = {}


def programme_team(programme_id: int) -> list[int]:
    from alliage.coalitions.models import Programme

    return list(Programme.objects.get(pk=programme_id).team.values_list("pk", flat=True))


def sessions() -> dict[str, str]:
    """A signed-in session per role, made as ``django.contrib.auth.login`` makes one; and the
    member's personal calendar address."""
    import hashlib

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore as DbStore
    from django.utils.module_loading import import_string

    from alliage.agenda.models import CalendarToken
    from alliage.core.models import User

    store_class = import_string(f"{settings.SESSION_ENGINE}.SessionStore") or DbStore
    cookies = {}
    for who, user_id in SAMPLES.items():
        user = User.objects.get(pk=user_id)
        store = store_class()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        cookies[who] = f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
    member = User.objects.get(pk=SAMPLES["member"]).person
    CalendarToken.objects.update_or_create(
        person=member, defaults={"token_hash": hashlib.sha256(PERSONAL_TOKEN.encode()).hexdigest()}
    )
    return cookies


# --- the server ----------------------------------------------------------------------------


class Gunicorn:
    def __init__(self, args: argparse.Namespace, env: dict[str, str], var: Path) -> None:
        self.args, self.env, self.var = args, env, var
        self.process: subprocess.Popen[bytes] | None = None

    def stop_stale(self, pidfile: Path) -> None:
        """A gunicorn this benchmark started for the same var dir and never stopped (the
        run was killed): stopped, so that the port is free."""
        try:
            pid = int(pidfile.read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except (OSError, ValueError):
            return
        if "gunicorn" in cmdline and str(pidfile) in cmdline:
            print(f"stopping the gunicorn left running by an earlier run (pid {pid})")
            os.kill(pid, signal.SIGTERM)
            time.sleep(3)

    def start(self) -> None:
        pidfile = self.var / "gunicorn.pid"
        self.stop_stale(pidfile)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        if not gunicorn.exists():
            gunicorn = Path(shutil.which("gunicorn") or "gunicorn")
        command = [
            str(gunicorn),
            "alliage.wsgi:application",
            f"--bind={HOST}:{self.args.port}",
            f"--workers={self.args.workers}",
            f"--worker-class={self.args.worker_class}",
            f"--threads={self.args.threads}",
            "--timeout=600",
            "--graceful-timeout=5",
            "--keep-alive=5",
            "--backlog=64",
            f"--error-logfile={self.var / 'gunicorn.log'}",
            "--log-level=warning",
            f"--pid={pidfile}",
        ]
        print(f"gunicorn: {' '.join(command[1:])}", flush=True)
        self.process = subprocess.Popen(  # noqa: S603 (gunicorn, our arguments)
            command, env={**os.environ, **self.env}, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped: see {self.var / 'gunicorn.log'}")
            try:
                conn = http.client.HTTPConnection(HOST, self.args.port, timeout=5)
                conn.request("GET", "/bench-floor/", headers=base_headers(self.args.port))
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("gunicorn did not answer within 60 s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)  # our own gunicorn's group, no other
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


# --- the load generator --------------------------------------------------------------------


def base_headers(port: int) -> dict[str, str]:
    # Served behind a TLS-terminating proxy, as production is (SECURE_PROXY_SSL_HEADER).
    return {"Host": f"{HOST}:{port}", "X-Forwarded-Proto": "https", "User-Agent": "alliage-bench"}


class Client:
    def __init__(self, port: int, cookies: dict[str, str]) -> None:
        self.port = port
        self.cookies = cookies

    def headers(self, case: Case) -> dict[str, str]:
        headers = base_headers(self.port)
        if case.who != "anon":
            headers["Cookie"] = self.cookies[case.who]
        return headers

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(HOST, self.port, timeout=600)

    def get(
        self, conn: http.client.HTTPConnection, path: str, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], int]:
        for attempt in (1, 2):
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                body = response.read()
                if response.will_close:
                    conn.close()
                return response.status, dict(response.getheaders()), len(body)
            except (http.client.HTTPException, ConnectionError):
                # A sync worker closes the connection after each answer: open another.
                conn.close()
                if attempt == 2:
                    raise
        raise AssertionError


def smoke(
    client: Client, cases: list[Case], results: dict[str, Any]
) -> list[tuple[Case, int, str]]:
    """Each page once, its queries counted; the pages that do not answer 200."""
    failures = []
    conn = client.connect()
    print(f"\nsmoke check and query counts, {len(cases)} pages:", flush=True)
    for case in cases:
        headers = {**client.headers(case), "X-Bench-Count": "1"}
        started = time.perf_counter()
        try:
            status, response_headers, size = client.get(conn, case.path, headers)
        except Exception as error:  # reported with the others
            failures.append((case, 0, repr(error)))
            conn = client.connect()
            continue
        ms = (time.perf_counter() - started) * 1000
        queries = int(response_headers.get("X-Bench-Queries", "-1"))
        row = results["pages"].setdefault(case.key, {})
        row.update(
            {"path": case.path, "who": case.who, "status": status, "queries": queries,
             "bytes": size, "first_ms": ms}
        )  # fmt: skip
        print(f"   {status} {queries:4d} q {size:>9,} B {ms:8.1f} ms  {case.key}", flush=True)
        if status != 200:
            failures.append((case, status, response_headers.get("Location", "")))
    return failures


@dataclass
class Run:
    connections: int
    requests: int
    errors: int
    seconds: float
    rps: float
    p50: float
    p95: float
    p99: float
    max: float


def percentile(sorted_ms: list[float], q: float) -> float:
    if not sorted_ms:
        return float("nan")
    return sorted_ms[min(len(sorted_ms) - 1, max(0, math.ceil(q * len(sorted_ms)) - 1))]


def measure(client: Client, case: Case, connections: int, args: argparse.Namespace) -> Run:
    """``connections`` threads, each with its own keep-alive connection, request the page
    until ``args.requests`` requests were sent or ``args.duration`` seconds passed."""
    headers = client.headers(case)
    warm = client.connect()
    for _ in range(2):  # both workers' template caches and connections
        client.get(warm, case.path, headers)
    warm.close()
    lock = threading.Lock()
    sent = 0
    errors = 0
    timings: list[float] = []
    started = time.perf_counter()
    deadline = started + args.duration

    def worker() -> None:
        nonlocal sent, errors
        conn = client.connect()
        mine: list[float] = []
        bad = 0
        while True:
            with lock:
                if sent >= args.requests or time.perf_counter() >= deadline:
                    break
                sent += 1
            t0 = time.perf_counter()
            try:
                status, _, _ = client.get(conn, case.path, headers)
            except Exception:  # counted as an error
                status = 0
                conn = client.connect()
            mine.append((time.perf_counter() - t0) * 1000)
            bad += status != 200
        conn.close()
        with lock:
            timings.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    timings.sort()
    return Run(
        connections=connections,
        requests=len(timings),
        errors=errors,
        seconds=seconds,
        rps=len(timings) / seconds if seconds else 0.0,
        p50=percentile(timings, 0.50),
        p95=percentile(timings, 0.95),
        p99=percentile(timings, 0.99),
        max=timings[-1] if timings else float("nan"),
    )


# --- the report ----------------------------------------------------------------------------


def floor_rps(floor: dict[str, Any], c: str) -> float:
    runs = floor.get("runs", {})
    values = [runs[k]["rps"] for k in (c, f"{c}-after") if k in runs]
    return sum(values) / len(values) if values else float("nan")


def report(results: dict[str, Any], args: argparse.Namespace) -> str:
    meta = results.get("meta", {})
    pages = results.get("pages", {})
    floor = pages.get("floor", {})
    connections = [c.strip() for c in args.connections.split(",")]
    lines = [
        f"### {meta.get('database')}, scale {meta.get('scale')}: "
        f"{meta.get('coalitions') or 0:,} coalitions, {meta.get('rows') or 0:,} rows "
        f"(loaded in {meta.get('load_seconds', 0):.0f} s, derived data "
        f"{meta.get('derived_seconds', 0):.0f} s); gunicorn {meta.get('workers')} "
        f"{meta.get('worker_class')} workers; at most {meta.get('requests')} requests or "
        f"{meta.get('duration')} s per measure",
        "",
    ]
    floor_runs = floor.get("runs", {})
    drift = [
        f"@{c}: {floor_runs[c]['rps']:.0f} → {floor_runs[c + '-after']['rps']:.0f} req/s"
        for c in connections
        if c in floor_runs and c + "-after" in floor_runs
    ]
    if drift:
        lines += [f"Floor (minimal view) before → after the run: {', '.join(drift)}.", ""]
    head = "| page | who | queries |"
    rule = "| --- | --- | ---: |"
    for c in connections:
        head += f" req/s @{c} | p50 / p95 / p99 ms @{c} | share @{c} |"
        rule += " ---: | ---: | ---: |"
    lines += [head, rule]
    worst = []
    for key, row in pages.items():
        cells = f"| {key} | {row.get('who', '')} | {row.get('queries', '?')} |"
        if row.get("status") != 200:
            cells += f" **HTTP {row.get('status')}** |" + " |" * (3 * len(connections) - 1)
            lines.append(cells)
            continue
        for c in connections:
            run = row.get("runs", {}).get(c)
            if not run:
                cells += " - | - | - |"
                continue
            share = run["rps"] / floor_rps(floor, c) * 100
            cells += (
                f" {run['rps']:.1f} | {run['p50']:.0f} / {run['p95']:.0f} / {run['p99']:.0f} |"
                f" {share:.1f} % |"
            )
            if c == connections[-1] and key != "floor":
                worst.append((share, key, run["p95"]))
        lines.append(cells)
    if worst:
        worst.sort()
        lines += [
            "",
            f"Worst at {connections[-1]} connection(s), by share of the floor: "
            + "; ".join(f"{k} {s:.2f} % (p95 {p:.0f} ms)" for s, k, p in worst[:8])
            + ".",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

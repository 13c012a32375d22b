"""A crowd registering at once: N simultaneous registrations (one thread and one connection
each, released by a barrier) for an event of CAPACITY seats, over HTTP, side by side against

- the demo's server (`alliage demo`: gunicorn over SQLite in WAL mode), and
- gunicorn over PostgreSQL (ALLIAGE_BENCH_DATABASE_URL, a database this script drops and
  creates: default postgres://postgres@127.0.0.1:5432/alliage_ops_bench).

Prints, for each: answered, refused or reset, seats given, waiting list in queue order, and the
latency p50 / p95 / max in milliseconds.

    .venv/bin/python bench/registration_burst.py [--people 300] [--capacity 20] [--port 8206]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.demo.burst import burst  # noqa: E402
from tests.demo.test_serve import environment, helper  # noqa: E402


def start(command: list[str], env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    server = subprocess.Popen(command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)  # noqa: S603
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
        if server.poll() is not None:
            break
    server.kill()
    raise SystemExit(f"the server did not start: see {log}")


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def run(name: str, env: dict[str, str], command: list[str], port: int, args) -> list[str]:
    seeded = helper(env, "seed", str(args.people), str(args.capacity))
    server = start(command, env, port, Path(env["ALLIAGE_VAR_DIR"]) / "server.log")
    try:
        started = time.perf_counter()
        outcomes = burst(port, seeded["slug"], seeded["tokens"])
        wall = time.perf_counter() - started
    finally:
        stop(server)
    statuses = helper(env, "registrations", seeded["slug"])
    expected = ["confirmed"] * args.capacity + ["waitlisted"] * (args.people - args.capacity)
    times = sorted(o.seconds * 1000 for o in outcomes if o.status is not None)
    errors = [o.error for o in outcomes if o.status is None]
    return [
        name,
        f"{sum(o.status == 201 for o in outcomes)}/{args.people}",
        str(len(errors)),
        str(statuses.count("confirmed")),
        "yes" if statuses == expected else "NO",
        f"{statistics.median(times):.0f}" if times else "-",
        f"{times[int(len(times) * 0.95) - 1]:.0f}" if times else "-",
        f"{times[-1]:.0f}" if times else "-",
        f"{wall:.1f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--capacity", type=int, default=20)
    parser.add_argument("--port", type=int, default=8206)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="alliage-burst-") as tmp:
        sqlite_env = environment(Path(tmp) / "sqlite", args.port)
        Path(sqlite_env["ALLIAGE_VAR_DIR"]).mkdir()
        demo = [sys.executable, "-m", "alliage", "demo", "--workers", str(args.workers)]
        demo += ["--threads", str(args.threads)]
        rows.append(run("demo: gunicorn + SQLite", sqlite_env, demo, args.port, args))

        url = os.environ.get(
            "ALLIAGE_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/alliage_ops_bench"
        )
        database = urllib.parse.urlparse(url).path.lstrip("/")
        admin = url.rsplit("/", 1)[0] + "/postgres"
        psql = shutil.which("psql") or "psql"
        for sql in (f'DROP DATABASE IF EXISTS "{database}"', f'CREATE DATABASE "{database}"'):
            subprocess.run([psql, admin, "-q", "-c", sql], check=True)  # noqa: S603
        pg_env = environment(Path(tmp) / "pg", args.port + 10)
        Path(pg_env["ALLIAGE_VAR_DIR"]).mkdir()
        pg_env["ALLIAGE_DATABASE_URL"] = url
        gunicorn = [sys.executable, "-m", "gunicorn", "alliage.wsgi:application"]
        gunicorn += ["--bind", f"127.0.0.1:{args.port + 10}", "--backlog", "2048"]
        gunicorn += ["--workers", str(args.workers), "--worker-class", "gthread"]
        gunicorn += ["--threads", str(args.threads)]
        rows.append(run("gunicorn + PostgreSQL", pg_env, gunicorn, args.port + 10, args))
    header = ["server", "201", "refused/reset", "seats", "queue order", "p50", "p95", "max", "s"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(
        f"{args.people} simultaneous registrations, {args.capacity} seats, "
        f"{args.workers} workers x {args.threads} threads (latency in ms)"
    )
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()

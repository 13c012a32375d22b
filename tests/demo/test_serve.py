"""The demo's server holds a crowd: 300 simultaneous registrations for an event of 20 seats,
over HTTP, against ``alliage demo`` itself (gunicorn over SQLite in WAL mode) (R13)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .burst import burst

ROOT = Path(__file__).resolve().parent.parent.parent
PEOPLE, CAPACITY = 300, 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(var_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALLIAGE_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="alliage.settings.base",
        ALLIAGE_VAR_DIR=str(var_dir),
        PORT=str(port),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    return env


def helper(env: dict[str, str], *args: str) -> object:
    result = subprocess.run(  # noqa: S603 (our own module)
        [sys.executable, "-m", "tests.demo.burst", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, dict, dict, Path]]:
    var_dir = tmp_path_factory.mktemp("demo-var")
    port = free_port()
    env = environment(var_dir, port)
    seeded = helper(env, "seed", str(PEOPLE), str(CAPACITY))
    log = (var_dir / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "alliage", "demo"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert server.poll() is None, (var_dir / "server.log").read_text()
            assert time.monotonic() < deadline, "the demo server did not start"
            time.sleep(0.5)
        yield port, seeded, env, var_dir / "server.log"
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_the_demo_prints_where_to_open_it_and_serves_static_files(demo_server) -> None:
    port, _, _, log = demo_server
    assert f"Alliage runs at http://127.0.0.1:{port}/" in log.read_text()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/alliage/alliage.css") as r:
        assert r.status == 200
        assert b"--paper" in r.read()


def test_three_hundred_simultaneous_registrations_are_all_answered(demo_server) -> None:
    port, seeded, env, _ = demo_server
    outcomes = burst(port, seeded["slug"], seeded["tokens"])
    errors = [o.error for o in outcomes if o.status is None]
    assert errors == []  # no connection refused or reset
    assert [o.status for o in outcomes] == [201] * PEOPLE
    statuses = helper(env, "registrations", seeded["slug"])
    assert statuses == ["confirmed"] * CAPACITY + ["waitlisted"] * (PEOPLE - CAPACITY)

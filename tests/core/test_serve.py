"""``alliage serve``: gunicorn's settings from the environment, one builder shared with the demo,
and a real server whose workers' metrics add up in one /metrics (issue 15)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError
from prometheus_client.parser import text_string_to_metric_families

from alliage.core import serve
from alliage.core.serve import ServeConfigError, gunicorn_options

ROOT = Path(__file__).resolve().parent.parent.parent


def test_defaults_are_two_workers_per_core_and_one_threaded_on_loopback() -> None:
    options = gunicorn_options({}, cores=2)
    assert options["workers"] == 5
    assert options["worker_class"] == "gthread"
    assert options["threads"] == 4
    assert options["bind"] == ["127.0.0.1:8000"]
    assert (options["timeout"], options["graceful_timeout"], options["keepalive"]) == (30, 20, 5)
    assert options["accesslog"] is None
    assert options["preload_app"] is False
    assert options["max_requests"] == 0  # each replaced worker would leave metrics files
    recycled = gunicorn_options({"ALLIAGE_WEB_MAX_REQUESTS": "5000"}, cores=1)
    assert (recycled["max_requests"], recycled["max_requests_jitter"]) == (5000, 500)
    assert "logconfig_dict" not in options


def test_the_environment_sets_workers_threads_timeouts_bind_and_access_log() -> None:
    options = gunicorn_options(
        {
            "ALLIAGE_WEB_WORKERS": "3",
            "ALLIAGE_WEB_THREADS": "8",
            "ALLIAGE_WEB_TIMEOUT": "45",
            "ALLIAGE_WEB_GRACEFUL_TIMEOUT": "25",
            "ALLIAGE_WEB_KEEPALIVE": "75",
            "ALLIAGE_BIND": "0.0.0.0:9000, unix:/run/alliage.sock",
            "ALLIAGE_ACCESS_LOG": "yes",
        },
        cores=16,
    )
    assert (options["workers"], options["threads"]) == (3, 8)
    assert (options["timeout"], options["graceful_timeout"], options["keepalive"]) == (45, 25, 75)
    assert options["bind"] == ["0.0.0.0:9000", "unix:/run/alliage.sock"]
    assert options["accesslog"] == "-"
    assert gunicorn_options({"PORT": "8123"}, cores=1)["bind"] == ["127.0.0.1:8123"]


def test_arguments_win_over_the_environment() -> None:
    options = gunicorn_options(
        {"ALLIAGE_WEB_WORKERS": "9", "ALLIAGE_ACCESS_LOG": "1"},
        workers=2,
        threads=1,
        bind=["127.0.0.1:1"],
        access_log=False,
    )
    assert (options["workers"], options["threads"], options["bind"]) == (2, 1, ["127.0.0.1:1"])
    assert options["accesslog"] is None


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_a_count_that_is_not_positive_is_refused(value: str, monkeypatch) -> None:
    with pytest.raises(ServeConfigError, match="ALLIAGE_WEB_WORKERS"):
        gunicorn_options({"ALLIAGE_WEB_WORKERS": value})
    monkeypatch.setenv("ALLIAGE_WEB_WORKERS", value)
    with pytest.raises(CommandError):
        call_command("serve", "--print-config")


def test_json_logs_reach_gunicorn_own_logs_and_keep_the_access_log_off() -> None:
    quiet = gunicorn_options({"ALLIAGE_LOG_FORMAT": "json"}, cores=1)["logconfig_dict"]
    assert quiet["formatters"]["json"]["()"] == "alliage.core.logformat.JsonFormatter"
    assert quiet["handlers"]["error_console"]["formatter"] == "json"
    assert quiet["loggers"]["gunicorn.access"]["handlers"] == []
    loud = gunicorn_options({"ALLIAGE_LOG_FORMAT": "json", "ALLIAGE_ACCESS_LOG": "1"}, cores=1)
    assert loud["logconfig_dict"]["loggers"]["gunicorn.access"]["handlers"] == ["console"]


def test_print_config_shows_what_would_run(monkeypatch) -> None:
    monkeypatch.setenv("ALLIAGE_WEB_WORKERS", "2")
    out = StringIO()
    call_command("serve", "--print-config", "--bind", "127.0.0.1:8731", stdout=out)
    assert "workers = 2" in out.getvalue()
    assert "bind = ['127.0.0.1:8731']" in out.getvalue()


def test_the_demo_builds_its_server_in_the_same_place(monkeypatch) -> None:
    from alliage.demo.management.commands import demo

    ran = []
    monkeypatch.setattr(demo, "gunicorn_run", ran.append)
    demo.demo_serve(host="127.0.0.1", port="8732", workers=3, threads=4)
    (options,) = ran
    assert options["bind"] == ["127.0.0.1:8732"]
    assert (options["workers"], options["threads"], options["timeout"]) == (3, 4, 60)
    assert options["proc_name"] == "alliage-demo"
    assert set(options) >= set(gunicorn_options({}, cores=1))


def test_serve_runs_gunicorn_with_its_settings_and_an_empty_metrics_directory(
    tmp_path, monkeypatch
) -> None:
    from alliage.core.management.commands import serve as command

    stale = tmp_path / "metrics" / "counter_123.db"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(stale.parent))
    ran = []
    monkeypatch.setattr(command.os, "execvpe", lambda *call: ran.append(call))
    call_command("serve", "--workers", "2", "--bind", "127.0.0.1:8733", "--access-log")
    ((executable, argv, environ),) = ran
    assert executable == sys.executable
    assert argv[1:] == [
        "-m",
        "gunicorn",
        "--config",
        "python:alliage.core.gunicorn_conf",
        "alliage.wsgi:application",
    ]
    assert environ["ALLIAGE_WEB_WORKERS"] == "2"
    assert environ["ALLIAGE_BIND"] == "127.0.0.1:8733"
    assert environ["ALLIAGE_ACCESS_LOG"] == "1"
    assert environ["PROMETHEUS_MULTIPROC_DIR"] == str(stale.parent)
    assert environ["DJANGO_SETTINGS_MODULE"] == os.environ["DJANGO_SETTINGS_MODULE"]
    assert not stale.exists()


def test_the_alliage_command_serves_with_the_production_settings(monkeypatch) -> None:
    from alliage import __main__

    monkeypatch.delenv("DJANGO_SETTINGS_MODULE")
    seen = []
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        lambda argv: seen.append((argv, os.environ["DJANGO_SETTINGS_MODULE"])),
    )
    __main__.main(["serve", "--print-config"])
    assert seen == [(["alliage", "serve", "--print-config"], "alliage.settings.production")]
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE")
    __main__.main(["check"])
    assert seen[-1][1] == "alliage.settings.base"


def test_gunicorn_reads_its_settings_from_a_module_without_django(monkeypatch) -> None:
    import importlib

    monkeypatch.setenv("ALLIAGE_WEB_WORKERS", "7")
    from alliage.core import gunicorn_conf

    conf = importlib.reload(gunicorn_conf)
    assert conf.workers == 7
    assert conf.worker_class == "gthread"
    assert conf.child_exit is serve.child_exit


def test_db_worker_is_the_resilient_worker() -> None:
    from alliage.workers.management.commands.worker import Command as Worker

    assert get_commands()["db_worker"] == "alliage.workers"
    assert isinstance(load_command_class("alliage.workers", "db_worker"), Worker)


def test_cpu_count_is_at_least_one() -> None:
    assert serve.cpu_count() >= 1


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own server)
        return response.read().decode()


def _count(metrics: str, name: str, **labels: str) -> float:
    total = 0.0
    for family in text_string_to_metric_families(metrics):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                total += sample.value
    return total


def test_a_real_server_sums_the_metrics_of_all_its_workers(tmp_path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALLIAGE_", "DJANGO_"))}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env.update(
        DJANGO_SETTINGS_MODULE="alliage.settings.base",
        ALLIAGE_VAR_DIR=str(tmp_path / "var"),
        ALLIAGE_BIND=f"127.0.0.1:{port}",
        ALLIAGE_WEB_WORKERS="2",
        ALLIAGE_WEB_THREADS="2",
        PYTHONPATH=str(ROOT / "src"),
    )
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "alliage", "serve"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert '"alive"' in _get(f"http://127.0.0.1:{port}/livez")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)

        # Each worker writes its values to files of its own (in-memory values would leave
        # none), which /metrics sums. A loaded machine may boot the second worker late, so
        # requests go on until both have written theirs (not a fixed number of them).
        def workers() -> set[int]:
            files = (tmp_path / "var" / "metrics").glob("counter_*.db")
            return {int(f.stem.rsplit("_", 1)[-1]) for f in files} - {server.pid}

        sent = 1
        deadline = time.monotonic() + 90
        while sent < 40 or len(workers()) < 2:
            assert time.monotonic() < deadline, f"one worker only: {workers()}"
            _get(f"http://127.0.0.1:{port}/livez")
            sent += 1
        metrics = _get(f"http://127.0.0.1:{port}/metrics")
        served = _count(
            metrics, "django_http_requests_total_by_view_transport_method_total", view="livez"
        )
        assert served >= sent  # the probes of the start-up loop answered "alive" too
        assert len(workers()) == 2
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()

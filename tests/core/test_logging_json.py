"""ALLIAGE_LOG_FORMAT=json: one JSON object per line, with the request's id (issue 15)."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.http import HttpResponse
from django.test import Client, RequestFactory

from alliage.core.logformat import JsonFormatter, RequestIdMiddleware, json_logging

ROOT = Path(__file__).resolve().parent.parent.parent


def record(message: str, *args: object, exc_info: object = None, **extra: object):
    return logging.makeLogRecord(
        {
            "name": "alliage.test",
            "levelno": logging.ERROR,
            "levelname": "ERROR",
            "msg": message,
            "args": args,
            "exc_info": exc_info,
            **extra,
        }
    )


def test_a_record_is_one_line_of_json_with_time_level_logger_and_message() -> None:
    line = JsonFormatter().format(record("Inscription de %s\nà l'événement", "Zoé"))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Inscription de Zoé\nà l'événement"
    assert (entry["level"], entry["logger"]) == ("ERROR", "alliage.test")
    assert entry["time"].endswith("+00:00")
    assert "request_id" not in entry and "exception" not in entry
    assert "Zoé" in line  # kept readable, not \\u-escaped


def test_the_exception_and_its_traceback_are_one_field() -> None:
    try:
        raise ValueError("no such coalition")
    except ValueError:
        line = JsonFormatter().format(record("failed", exc_info=sys.exc_info()))
    assert "\n" not in line
    exception = json.loads(line)["exception"]
    assert exception.startswith("Traceback (most recent call last):")
    assert "ValueError: no such coalition" in exception


def test_the_status_of_a_request_log_is_kept_when_it_is_a_number() -> None:
    assert json.loads(JsonFormatter().format(record("Not Found", status_code=404)))["status"] == 404
    assert "status" not in json.loads(JsonFormatter().format(record("x", status_code="404")))


def capture() -> tuple[logging.Logger, io.StringIO, logging.Handler]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("alliage.test.request")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return logger, stream, handler


def test_a_line_written_while_serving_a_request_carries_its_id() -> None:
    logger, stream, handler = capture()

    def view(request):
        logger.info("serving")
        return HttpResponse("ok")

    try:
        given = RequestIdMiddleware(view)(RequestFactory().get("/", HTTP_X_REQUEST_ID="lb-42.a_b"))
        made = RequestIdMiddleware(view)(RequestFactory().get("/"))
        forged = RequestIdMiddleware(view)(
            RequestFactory().get("/", HTTP_X_REQUEST_ID='x"}\n{"level":"CRITICAL')
        )
        logger.info("after")
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 4
    assert lines[0]["request_id"] == given["X-Request-ID"] == "lb-42.a_b"
    assert lines[1]["request_id"] == made["X-Request-ID"] and len(made["X-Request-ID"]) == 32
    assert lines[2]["request_id"] == forged["X-Request-ID"] != 'x"}\n{"level":"CRITICAL'
    assert "request_id" not in lines[3]  # outside a request


def test_every_response_of_the_site_names_its_request() -> None:
    response = Client().get("/livez", headers={"X-Request-ID": "probe-1"})
    assert response["X-Request-ID"] == "probe-1"


def test_the_log_of_a_refused_request_carries_its_id() -> None:
    # Django logs a 404 once the middlewares have returned, with the request in the record.
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = Client(REMOTE_ADDR="203.0.113.5").get(
            "/metrics", headers={"X-Request-ID": "scan-7"}
        )
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert (entry["request_id"], entry["status"]) == ("scan-7", 404)


def test_json_logging_changes_only_the_console_formatter() -> None:
    from django.conf import settings

    config = json_logging(settings.LOGGING)
    assert config["handlers"]["console"]["formatter"] == "json"
    assert config["handlers"]["console"]["filters"] == ["repeats"]
    assert config["handlers"]["mail_admins"] == settings.LOGGING["handlers"]["mail_admins"]
    assert "formatter" not in settings.LOGGING["handlers"]["console"]  # the default is text


def run_with(log_format: str, tmp_path: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALLIAGE_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="alliage.settings.base",
        ALLIAGE_VAR_DIR=str(tmp_path),
        ALLIAGE_LOG_FORMAT=log_format,
        PYTHONPATH=str(ROOT / "src"),
    )
    script = (
        "import django, logging; django.setup();"
        "logging.getLogger('alliage.check').warning('Démarré %s', 2)"
    )
    return subprocess.run(  # noqa: S603 (our own settings)
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stderr


def test_the_setting_switches_the_whole_log_to_json(tmp_path) -> None:
    (line,) = run_with("json", tmp_path).splitlines()
    entry = json.loads(line)
    assert (entry["message"], entry["level"], entry["logger"]) == (
        "Démarré 2",
        "WARNING",
        "alliage.check",
    )
    assert run_with("text", tmp_path).strip() == "Démarré 2"

"""Logs a machine reads: ``ALLIAGE_LOG_FORMAT=json`` writes one JSON object per line (time,
level, logger, message, the request's id when there is one, the exception), which journald,
Loki or Elasticsearch take as they are; and the request id that ties a line to its request.

The id is the ``X-Request-ID`` a proxy sent (letters, digits, ``.-_``, 128 characters at most),
else a new one; it is sent back in the response's ``X-Request-ID``.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

_request_id: ContextVar[str | None] = ContextVar("alliage_request_id", default=None)
_VALID_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")


def current_request_id() -> str | None:
    """The id of the request being served, or None (commands, tasks)."""
    return _request_id.get()


class RequestIdMiddleware:
    """Gives every request an id (``request.request_id``) for its log lines; first in the
    chain, so that every later log line carries it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _VALID_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response.headers.setdefault("X-Request-ID", request_id)
        return response


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line (newlines inside are escaped by JSON)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # django.request logs a 4xx or 5xx after the middlewares returned, with the request.
        request_id = (
            getattr(record, "request_id", None)
            or getattr(getattr(record, "request", None), "request_id", None)
            or current_request_id()
        )
        if request_id:
            entry["request_id"] = request_id
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def json_logging(logging_config: dict) -> dict:
    """``LOGGING`` with its console handler writing JSON."""
    config = {**logging_config}
    config["formatters"] = {
        **config.get("formatters", {}),
        "json": {"()": "alliage.core.logformat.JsonFormatter"},
    }
    config["handlers"] = {
        **config["handlers"],
        "console": {**config["handlers"]["console"], "formatter": "json"},
    }
    return config


def gunicorn_json_logging(*, access_log: bool) -> dict:
    """gunicorn's ``logconfig_dict`` for its own error and access logs, in the same JSON. With
    a ``logconfig_dict`` gunicorn logs every request unless its access logger says otherwise:
    without the access log, that logger keeps nothing."""
    handler = {"class": "logging.StreamHandler", "formatter": "json"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "alliage.core.logformat.JsonFormatter"}},
        "handlers": {
            "console": {**handler, "stream": "ext://sys.stdout"},
            "error_console": {**handler, "stream": "ext://sys.stderr"},
        },
        "loggers": {
            "gunicorn.error": {
                "level": "WARNING",
                "handlers": ["error_console"],
                "propagate": False,
            },
            "gunicorn.access": {
                "level": "INFO" if access_log else "CRITICAL",
                "handlers": ["console"] if access_log else [],
                "propagate": False,
            },
        },
    }

"""The one place that builds gunicorn's settings, for ``alliage serve`` and ``alliage demo``.

``gunicorn_options`` turns the environment into gunicorn's settings (workers, threads,
timeouts, bind, access log). ``alliage serve`` runs gunicorn itself with them
(``alliage.core.gunicorn_conf``), its master free of Django; ``gunicorn_run`` serves the
application from this process (the demo, once it has loaded its data).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# Seconds: a request running longer than TIMEOUT is killed with its worker; on a stop or a
# reload, running requests get GRACEFUL_TIMEOUT to finish; an idle keep-alive connection is
# closed after KEEPALIVE (above a load balancer's own idle timeout is not needed: it reconnects).
TIMEOUT, GRACEFUL_TIMEOUT, KEEPALIVE = 30, 20, 5
THREADS = 4


class ServeConfigError(ValueError):
    """A serve setting that cannot be used (a count that is not a positive number...)."""


def _positive(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ServeConfigError(f"{name} must be a whole number, not {raw!r}.") from None
    if value < 1:
        raise ServeConfigError(f"{name} must be 1 or more, not {value}.")
    return value


def cpu_count() -> int:
    """The cores this process may run on (a container's limit when it sets an affinity)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        return os.cpu_count() or 1


def default_workers(cores: int) -> int:
    """gunicorn's own advice: 2 * cores + 1, so that a worker waiting on the database or the
    network leaves the cores busy."""
    return 2 * cores + 1


def bind_addresses(environ: Mapping[str, str]) -> list[str]:
    """``ALLIAGE_BIND`` (comma-separated ``host:port`` or ``unix:/path``), else
    ``127.0.0.1:$PORT`` (8000): behind a reverse proxy on the same machine, nothing else may
    reach the server directly. A container sets ``ALLIAGE_BIND=0.0.0.0:8000``."""
    binds = [item.strip() for item in environ.get("ALLIAGE_BIND", "").split(",")]
    if binds := [item for item in binds if item]:
        return binds
    port = _positive(environ, "PORT", 8000)
    return [f"127.0.0.1:{port}"]


def gunicorn_options(
    environ: Mapping[str, str],
    *,
    cores: int | None = None,
    workers: int | None = None,
    threads: int | None = None,
    bind: list[str] | None = None,
    access_log: bool | None = None,
    proc_name: str = "alliage",
    max_requests: int | None = None,
) -> dict[str, Any]:
    """gunicorn's settings: the arguments given win, then ``ALLIAGE_WEB_WORKERS``,
    ``ALLIAGE_WEB_THREADS``, ``ALLIAGE_WEB_TIMEOUT``, ``ALLIAGE_WEB_GRACEFUL_TIMEOUT``,
    ``ALLIAGE_WEB_KEEPALIVE``, ``ALLIAGE_WEB_MAX_REQUESTS``, ``ALLIAGE_BIND``/``PORT`` and
    ``ALLIAGE_ACCESS_LOG``, then the
    defaults. Threaded workers (gthread): a page waiting on the database holds a thread, not a
    process."""
    if workers is None:
        workers = _positive(
            environ, "ALLIAGE_WEB_WORKERS", default_workers(cores if cores else cpu_count())
        )
    if threads is None:
        threads = _positive(environ, "ALLIAGE_WEB_THREADS", THREADS)
    if max_requests is None:
        raw = environ.get("ALLIAGE_WEB_MAX_REQUESTS", "").strip()
        max_requests = 0 if raw in ("", "0") else _positive(environ, "ALLIAGE_WEB_MAX_REQUESTS", 0)
    if access_log is None:
        access_log = environ.get("ALLIAGE_ACCESS_LOG", "").strip().lower() in {
            "1",
            "true",
            "yes",
            "on",
        }
    options: dict[str, Any] = {
        "bind": bind or bind_addresses(environ),
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "backlog": 2048,
        "timeout": _positive(environ, "ALLIAGE_WEB_TIMEOUT", TIMEOUT),
        "graceful_timeout": _positive(environ, "ALLIAGE_WEB_GRACEFUL_TIMEOUT", GRACEFUL_TIMEOUT),
        "keepalive": _positive(environ, "ALLIAGE_WEB_KEEPALIVE", KEEPALIVE),
        # ALLIAGE_WEB_MAX_REQUESTS replaces a worker after that many requests (with a tenth of
        # jitter, not all at once), which bounds a slow leak. Off by default: each new worker
        # leaves its metrics files, which every scrape of /metrics reads.
        "max_requests": max_requests,
        "max_requests_jitter": max_requests // 10,
        "accesslog": "-" if access_log else None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": proc_name,
        # Each worker imports the application itself after the fork: no database connection
        # or thread is shared across it, and a reload (HUP) loads new code.
        "preload_app": False,
    }
    if environ.get("ALLIAGE_LOG_FORMAT", "").strip().lower() == "json":
        from alliage.core.logformat import gunicorn_json_logging

        options["logconfig_dict"] = gunicorn_json_logging(access_log=access_log)
    return options


def metrics_directory_prepare(directory: Path) -> Path:
    """One directory for the metrics of every worker of a server, emptied: files left by the
    processes of an earlier run would be counted again."""
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink(missing_ok=True)
    return directory


def child_exit(server: Any, worker: Any) -> None:
    """A worker that exits leaves its counters in the directory (they still count) but its
    live gauges must go."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def gunicorn_run(options: Mapping[str, Any]) -> None:
    """Serve ``alliage.wsgi`` with gunicorn in this process (gunicorn runs on Linux and
    macOS)."""
    from django.core.wsgi import get_wsgi_application
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)
            self.cfg.set("child_exit", child_exit)
            # Recent gunicorn opens a control socket in the home directory, which two servers
            # of one user (or a server and the tests) would share; nothing here uses it.
            if "control_socket_disable" in self.cfg.settings:
                self.cfg.set("control_socket_disable", True)

        def load(self) -> Any:
            return get_wsgi_application()

    connections.close_all()  # each worker opens its own; none is shared across the fork
    Server().run()

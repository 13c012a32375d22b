"""Read-only replicas: the reads of anonymous pages go to ``ALLIAGE_REPLICA_URLS``.

A replica lags its primary by a moment, so it serves only what may be a moment old: the reads
of a GET (or HEAD, OPTIONS) from someone who is not signed in and sends no API token, outside
any transaction, and only until the request writes. Everything else reads the primary, so that
whoever wrote sees what they wrote: the signed-in (their session and user are read on the
primary before anything else), API clients, every POST, tasks and management commands (no
request: the context variable is unset). ``ReplicaMiddleware`` decides once per request and
picks one replica (in turn); ``ReplicaRouter.db_for_read`` reads that decision.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import dj_database_url
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA_PREFIX = "replica_"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class _Reads:
    alias: str | None


_reads: ContextVar[_Reads | None] = ContextVar("alliage_replica_reads", default=None)
_turn = itertools.count()


def replica_databases(urls: list[str], *, conn_max_age: int) -> dict[str, dict[str, Any]]:
    """``DATABASES`` entries ``replica_0``, ``replica_1``… for the URLs given."""
    return {
        f"{REPLICA_PREFIX}{index}": dj_database_url.parse(url, conn_max_age=conn_max_age)
        for index, url in enumerate(urls)
    }


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


def replica_for_request(request: HttpRequest) -> str | None:
    """The replica this request may read from, or None for the primary."""
    if request.method not in SAFE_METHODS or "HTTP_AUTHORIZATION" in request.META:
        return None
    aliases = replica_aliases()
    if not aliases:
        return None
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:  # read on the primary, before any replica read
        return None
    return aliases[next(_turn) % len(aliases)]


@contextmanager
def replica_reads(alias: str | None) -> Iterator[None]:
    """Reads in the block go to ``alias`` (None: the primary), under the router's rules."""
    token = _reads.set(_Reads(alias))
    try:
        yield
    finally:
        _reads.reset(token)


class ReplicaMiddleware:
    """After the authentication middleware. Without replicas configured it only passes the
    request on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        alias = replica_for_request(request)
        if alias is None:
            return self.get_response(request)
        with replica_reads(alias):
            return self.get_response(request)


class ReplicaRouter:
    """``DATABASE_ROUTERS`` when ``ALLIAGE_REPLICA_URLS`` is set."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        reads = _reads.get()
        if reads is None or reads.alias is None:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return reads.alias

    def db_for_write(self, model: type, **hints: Any) -> str:
        reads = _reads.get()
        if reads is not None:
            reads.alias = None  # read-your-writes for the rest of the request
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # every database holds the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # A replica follows its primary's schema by streaming; never migrate it directly.
        return False if db.startswith(REPLICA_PREFIX) else None

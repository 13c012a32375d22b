"""Whole pages cached for people who are not signed in, and dropped the moment what they show
changes.

A cached page is keyed by its address, its language, whether htmx asked for a fragment, and the
current *version* of every domain it reads (an app's label: ``coalitions``, ``agenda``…). A
version is a token in the shared cache; it changes once any transaction that wrote a row of a
table of that domain commits. Nothing has to remember to invalidate: writes are seen where they
happen, on the database connection (INSERT, UPDATE, DELETE, whether made by ``save()``,
``QuerySet.update()``, ``bulk_create`` or raw SQL), and the domain's version moves on commit, in
every process that shares the cache. The old entries are never read again and expire.

A page is not stored when its answer is personal: anything but a 200, a cookie set (a CSRF
token was rendered, a session began), messages waiting for the visitor, or a streamed body.
With read replicas, a page rebuilt just after a change reads the primary: a replica may not
have the change yet, and the page would keep the old rows under the new version. Once every
domain it reads has been stable for ``ALLIAGE_REPLICA_LAG_SECONDS`` (10 by default), a rebuild
reads a replica like any anonymous page.

Pages whose content depends on the clock (upcoming events, a call's deadline) use a short
lifetime; every page has one, so a write made outside Django (a manual SQL fix) shows after
it at the latest.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import get_language

from .db_router import replica_aliases, replica_reads

View = Callable[..., HttpResponse]
T = TypeVar("T")

# The apps whose rows pages show. Writes to other tables (sessions, the audit log, the task
# queue, the log-in attempts) change no cached page.
DOMAINS = (
    "actors",
    "agenda",
    "calls",
    "coalitions",
    "commons",
    "evaluation",
    "accounts",
)
ALL = DOMAINS
KEPT_HEADERS = (
    "content-type",
    "content-language",
    "content-disposition",
    "vary",
    "etag",
    "last-modified",
    "cache-control",
)
DEFAULT_TIMEOUT = 300
# Pages that say what is upcoming or open now.
CLOCK = 60
VERSION_TIMEOUT = 7 * 24 * 3600
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.I)
# Signing in stamps the account's last log-in: that changes no page anybody else sees.
_LAST_LOGIN = re.compile(
    r'^\s*UPDATE\s+"?core_user"?\s+SET\s+"?last_login"?\s*=\s*\S+\s+WHERE', re.I
)
_tables: dict[str, str] | None = None
_tables_lock = threading.Lock()


def _table_domains() -> dict[str, str]:
    """Table name → domain, read once from the installed models (the account table belongs to
    ``accounts``: whether a person is active changes the directory)."""
    global _tables
    with _tables_lock:
        if _tables is None:
            found = {"core_user": "accounts"}
            for model in apps.get_models(include_auto_created=True):
                label = model._meta.app_label
                if label in DOMAINS:
                    found[model._meta.db_table] = label
            _tables = found
        return _tables


def _version_key(domain: str) -> str:
    return f"pagecache:v:{domain}"


def _token() -> str:
    """A new version: when it was made (for the replicas' lag) and a random part."""
    return f"{time.time_ns() // 1_000_000}-{secrets.token_hex(4)}"  # milliseconds, truncated


def _young(tokens: tuple[str, ...]) -> bool:
    """Whether one of these versions is more recent than a replica may lag (never, when the
    replicas are said not to lag)."""
    lag = settings.ALLIAGE_REPLICA_LAG_SECONDS
    if lag <= 0:
        return False
    limit = time.time_ns() // 1_000_000 - lag * 1000
    for token in tokens:
        made, _, _ = token.partition("-")
        try:
            if int(made) > limit:
                return True
        except ValueError:
            return True
    return False


_local = threading.local()


def _bumped_unread() -> set[str]:
    """The domains this thread has changed since it last read a version: writing them again
    before any read needs no new version (a transaction of a thousand rows costs one)."""
    if not hasattr(_local, "bumped"):
        _local.bumped = set()
    return _local.bumped


def versions(domains: tuple[str, ...]) -> tuple[str, ...]:
    """The current version of each domain, in one round trip to the cache; a domain without a
    version yet (an emptied cache) gets a fresh one, so no entry from before can match."""
    _bumped_unread().clear()
    keys = [_version_key(d) for d in domains]
    found = cache.get_many(keys)
    missing = {key: _token() for key in keys if key not in found}
    if missing:
        for key, token in missing.items():
            # another process may have set it meanwhile: keep whichever won
            if not cache.add(key, token, VERSION_TIMEOUT):
                missing[key] = cache.get(key, token)
        found.update(missing)
    return tuple(str(found[key]) for key in keys)


class _WriteWatcher:
    """An execute wrapper on every database connection: the domains written by a statement
    change when its transaction commits (at once in autocommit)."""

    def __init__(self, alias: str) -> None:
        self.alias = alias

    def __call__(self, execute: Any, sql: Any, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        if isinstance(sql, str):
            match = _WRITE.match(sql)
            if match and not _LAST_LOGIN.match(sql):
                domain = _table_domains().get(match.group(1))
                if domain is not None:
                    _pending(self.alias, domain)
        return result


def _pending(alias: str, domain: str) -> None:
    """The domain's version changes at the first write of a transaction, so that nothing read
    before it is served again, even to the transaction itself, and once more when it commits,
    so that a page another process cached meanwhile (from the rows as they were before the
    commit) is not served either. In autocommit, once."""
    connection = connections[alias]

    def bump() -> None:
        cache.set(_version_key(domain), _token(), VERSION_TIMEOUT)

    if not connection.in_atomic_block:
        bump()
        return
    if domain not in _bumped_unread():
        bump()
        _bumped_unread().add(domain)
    for _sids, queued, _robust in connection.run_on_commit:
        if getattr(queued, "pagecache_domain", None) == domain:
            return
    bump.pagecache_domain = domain  # type: ignore[attr-defined]
    transaction.on_commit(bump, using=alias, robust=True)


def watch(sender: Any, connection: Any, **kwargs: Any) -> None:
    if not any(isinstance(w, _WriteWatcher) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(_WriteWatcher(connection.alias))


connection_created.connect(watch, dispatch_uid="alliage.pagecache.watch")


def _personal(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return True
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and len(storage))


def anonymous_cached(*domains: str, timeout: int = DEFAULT_TIMEOUT) -> Callable[[View], View]:
    """Serve this view from the cache to visitors who are not signed in, for as long as the
    domains it reads do not change (``timeout`` seconds at most). A page made of sections that
    other apps add (through core.hooks) reads them all: ``ALL``."""
    for domain in domains:
        if domain not in DOMAINS:
            raise ValueError(f"unknown page-cache domain {domain!r}")

    def decorate(view: View) -> View:
        @wraps(view)
        def cached(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = getattr(request, "user", None)
            if (
                not settings.ALLIAGE_PAGE_CACHE
                or request.method not in ("GET", "HEAD")
                or (user and user.is_authenticated)
            ):
                return view(request, *args, **kwargs)
            fragment = "f" if request.headers.get("HX-Request") else "p"
            address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            current = versions(domains)
            key = ":".join(("pagecache", get_language() or "", fragment, address, *current))
            stored = cache.get(key)
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                # a calendar or a feed reader asking whether its copy is still the current one
                return get_conditional_response(
                    request,
                    etag=response.get("ETag"),
                    last_modified=None,
                    response=response,
                )
            if replica_aliases() and _young(current):
                with replica_reads(None):
                    response = view(request, *args, **kwargs)
            else:
                response = view(request, *args, **kwargs)
            if not _personal(request, response):
                headers = [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() in KEPT_HEADERS
                ]
                cache.set(key, (response.content, headers), timeout)
                response["X-Page-Cache"] = "miss"
            patch_vary_headers(response, ("Cookie",))
            return response

        return cached

    return decorate


def cached_data(name: str, domains: tuple[str, ...], compute: Callable[[], T]) -> T:
    """A value computed from the rows of these domains, kept in the shared cache under their
    current versions, as the pages are: the first reader after a change computes it again, and
    nothing has to remember to invalidate it. For what signed-in pages share and is costly to
    compute (a call's ranking, read by each member of its team). ``name`` says what and of
    which object; give it another name when the value's shape changes, so that a deployment
    never reads what the code before it stored. Plain values (tuples, numbers, strings) are
    cheaper to read back than model instances."""
    for domain in domains:
        if domain not in DOMAINS:
            raise ValueError(f"unknown page-cache domain {domain!r}")
    if not settings.ALLIAGE_PAGE_CACHE:
        return compute()
    key = ":".join(("datacache", name, *versions(domains)))
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, DEFAULT_TIMEOUT)
    return found

"""Liveness touches nothing; /healthz says whether the cache answers (issue 15)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache.backends.base import BaseCache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

EXPLODING = {"default": {"BACKEND": "tests.core.test_livez.ExplodingCache"}}


class ExplodingCache(BaseCache):
    """A cache whose every use fails, as a Redis that does not answer."""

    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(params)

    def _fail(self, *args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("the cache was used")

    add = get = set = touch = delete = has_key = clear = get_many = set_many = _fail


def _broken(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("the database was used")


def test_livez_answers_without_any_database_access() -> None:
    # No django_db mark: pytest-django refuses any database access in this test.
    with override_settings(CACHES=EXPLODING):
        response = Client().get("/livez")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "alive"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_livez_runs_no_query_and_no_cache_while_both_are_down(monkeypatch) -> None:
    with override_settings(CACHES=EXPLODING), CaptureQueriesContext(connection) as queries:
        monkeypatch.setattr(connection, "cursor", _broken)
        live = Client().get("/livez")
        head = Client().head("/livez")
        health = Client().get("/healthz")
    assert (live.status_code, head.status_code) == (200, 200)
    assert len(queries) == 0
    assert health.status_code == 503  # the readiness check does see the outage


def test_livez_takes_no_post() -> None:
    assert Client().post("/livez").status_code == 405


@pytest.mark.django_db
def test_healthz_reports_the_cache() -> None:
    body = json.loads(Client().get("/healthz").content)
    assert body["cache"] == {"status": "up"}


@pytest.mark.django_db
def test_healthz_fails_when_the_cache_is_down(caplog) -> None:
    with override_settings(CACHES=EXPLODING):
        response = Client().get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["cache"] == {"status": "down"}
    assert body["database"] == {"status": "up"}
    assert "the cache was used" not in response.content.decode()  # the reason is logged only
    assert "the cache is down: ConnectionError" in caplog.text


@pytest.mark.django_db
def test_healthz_fails_when_the_cache_keeps_nothing() -> None:
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["cache"] == {"status": "down"}


@pytest.mark.django_db
def test_the_load_balancer_scope_checks_the_database_only() -> None:
    with override_settings(CACHES=EXPLODING):
        response = Client().get("/healthz?scope=web")
    assert response.status_code == 200
    assert "cache" not in json.loads(response.content)


@pytest.mark.django_db
def test_healthz_sets_and_gets_a_key_in_redis() -> None:
    redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/5",
        }
    }
    with override_settings(CACHES=redis):
        from django.core.cache import cache

        try:
            cache.get("probe")
        except Exception:
            pytest.skip("Redis does not answer on 127.0.0.1:6379")
        response = Client().get("/healthz")
        assert json.loads(response.content)["cache"] == {"status": "up"}
        assert cache.get_many([]) == {}

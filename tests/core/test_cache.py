"""R14: the rate limits live in the cache ALLIAGE_CACHE_URL names, so that several processes
share one budget; a Redis URL selects Django's Redis cache."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from alliage.accounts.limits import Rate, window_spend
from alliage.api.common import ApiThrottle
from alliage.settings.base import cache_settings

REDIS_URL = "redis://127.0.0.1:6379/3"


def test_cache_url_selects_redis_or_memory() -> None:
    redis = cache_settings(REDIS_URL)["default"]
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == REDIS_URL
    assert cache_settings("locmem://")["default"]["BACKEND"].endswith("LocMemCache")
    default = cache_settings("", var_dir=Path("/srv/alliage/var"))["default"]
    assert default["BACKEND"].endswith("FileBasedCache")
    assert default["LOCATION"] == "/srv/alliage/var/cache"
    with pytest.raises(ImproperlyConfigured):
        cache_settings("memcached://127.0.0.1:11211")


@pytest.fixture(params=["redis", "files"])
def two_processes(request, tmp_path):
    """Two cache clients of one store, as two server processes would each open: one Redis
    (skipped only if Redis does not answer), or the files of the default on one machine."""
    if request.param == "files":
        first, second = (FileBasedCache(str(tmp_path / "cache"), {}) for _ in range(2))
        yield first, second
        return
    prefix = f"alliage-test-{uuid.uuid4().hex}"
    first, second = (RedisCache(REDIS_URL, {"KEY_PREFIX": prefix}) for _ in range(2))
    try:
        first.set("ping", 1, timeout=5)
    except Exception as error:  # any connection failure: no Redis here
        pytest.skip(f"Redis does not answer on {REDIS_URL}: {error}")
    assert first._cache is not second._cache
    yield first, second
    first.clear()


def test_two_processes_share_one_api_budget(two_processes, settings) -> None:
    settings.ALLIAGE_API_RATES = {**settings.ALLIAGE_API_RATES, "read": "3/m"}
    throttles = []
    for store in two_processes:
        throttle = ApiThrottle(scope="read")
        throttle.cache = store
        throttles.append(throttle)
    request = RequestFactory().get("/api/v1/programmes", REMOTE_ADDR="203.0.113.7")
    allowed = [throttles[n % 2].allow_request(request) for n in range(5)]
    assert allowed == [True, True, True, False, False]


def test_two_processes_share_one_sign_up_budget(two_processes) -> None:
    rate = Rate.parse("2/h")
    first, second = two_processes
    waits = [
        window_spend("signup-email", "cible@example.org", rate, store=first),
        window_spend("signup-email", "cible@example.org", rate, store=second),
        window_spend("signup-email", "cible@example.org", rate, store=first),
    ]
    assert waits[:2] == [None, None] and waits[2] is not None and 0 < waits[2] <= 3600


def test_rates_are_read_as_count_and_period() -> None:
    assert Rate.parse("20/15m") == Rate(20, 900)
    assert Rate.parse("3/h") == Rate(3, 3600)
    with pytest.raises(ValueError):
        Rate.parse("often")

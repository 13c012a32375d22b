"""Core's part of ``/healthz``: whether the shared cache answers (every rate limit and the
cached pages live there)."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.core.cache import cache

from alliage.core import hooks

logger = logging.getLogger(__name__)


@hooks.register(hooks.HEALTH_CHECKS)
def cache_check() -> tuple[str, dict[str, Any], bool]:
    """Sets a key of its own and reads it back: a cache that accepts writes but returns
    nothing (full, evicting, another server's) would silently lift every rate limit. The
    reason of a failure goes to the log only: the body is public."""
    key = f"alliage:healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        healthy = cache.get(key) == "ok"
        cache.delete(key)
    except Exception as error:  # any failure means "down"
        logger.error("Health check: the cache is down: %s: %s", type(error).__name__, error)
        healthy = False
    else:
        if not healthy:
            logger.error("Health check: the cache did not return the key it was given")
    return "cache", {"status": "up" if healthy else "down"}, healthy

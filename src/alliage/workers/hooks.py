"""What the workers contribute: the queue's part of ``/healthz``."""

from __future__ import annotations

from typing import Any

from alliage.core import hooks

from .selectors import queue_health


@hooks.register(hooks.HEALTH_CHECKS)
def queue_check() -> tuple[str, dict[str, Any], bool]:
    """The queue's depth, the age of its oldest READY task and of the last worker heartbeat;
    unhealthy when the oldest task has waited past ``ALLIAGE_QUEUE_MAX_AGE_MINUTES``."""
    health = queue_health()
    return (
        "queue",
        {
            "status": "ok" if health.healthy else "stale",
            "ready": health.ready,
            "oldest_ready_seconds": health.oldest_ready_seconds,
            "worker_seen_seconds": health.worker_seen_seconds,
        },
        health.healthy,
    )

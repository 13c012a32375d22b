from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

import alliage

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database status for load balancers and the demo's own check. The body is
    public, so it names no host, port or error: those go to the log."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        healthy = True
    except Exception as error:  # any failure means "down"
        logger.error("Health check: the database is down: %s: %s", type(error).__name__, error)
        healthy = False
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "version": alliage.__version__,
            "database": {"status": "up" if healthy else "down"},
        },
        status=200 if healthy else 503,
        headers={} if healthy else {"Retry-After": str(settings.ALLIAGE_RETRY_AFTER_SECONDS)},
    )

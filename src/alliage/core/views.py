from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

import alliage
from alliage.core import hooks


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database status for load balancers and the demo's own check."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"status": "up", "vendor": connection.vendor}
    except Exception as error:  # any failure means "down"; the message says why
        database = {"status": "down", "vendor": connection.vendor, "error": str(error)[:200]}
    healthy = database["status"] == "up"
    checks = {}
    if healthy:  # the other checks read the database (the task queue's depth and age)
        for check in hooks.get_hooks(hooks.HEALTH_CHECKS):
            name, body, ok = check()
            checks[name] = body
            healthy = healthy and ok
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "version": alliage.__version__,
            "database": database,
            **checks,
        },
        status=200 if healthy else 503,
    )

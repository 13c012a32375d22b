"""The legal and trust pages: public, read-only, in both languages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

import alliage

from . import selectors


@require_safe
def legal_notice(request: HttpRequest) -> HttpResponse:
    """Who publishes the site, who hosts it, whom to write to."""
    return render(request, "legal/legal_notice.html", {"publisher": selectors.publisher()})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """What the platform holds about a person, why, for how long and who sees it: generated
    from the personal-data registry, so that a new app's data shows here as it registers."""
    return render(
        request,
        "legal/privacy.html",
        {
            "publisher": selectors.publisher(),
            "held": selectors.held_data(),
            "export_ttl_hours": settings.ALLIAGE_EXPORT_TTL_HOURS,
            "inactive_after_days": settings.ALLIAGE_INACTIVE_AFTER_DAYS,
        },
    )


@require_safe
def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/terms.html", {"publisher": selectors.publisher()})


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/accessibility.html", {"publisher": selectors.publisher()})


@never_cache
@require_safe
def status(request: HttpRequest) -> HttpResponse:
    """The service's health in words, from the checks /healthz answers in JSON; 503 when a
    check fails, like /healthz."""
    checks, healthy = selectors.service_status()
    return render(
        request,
        "legal/status.html",
        {"checks": checks, "healthy": healthy, "version": alliage.__version__},
        status=200 if healthy else 503,
    )

"""The page shown when a form's CSRF check fails: the site's own template (Django's default
has an inline style that the site's Content Security Policy blocks), saying what to do."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: the reason is for developers and is not shown."""
    return render(request, "core/csrf_failure.html", status=403)

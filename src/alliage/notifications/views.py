"""The one-click unsubscribe page (RFC 8058): POST without log-in or CSRF, GET confirms."""

from __future__ import annotations

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alliage.core.models import User

from .services import unsubscribe as unsubscribe_service
from .tokens import unsubscribe_read


@csrf_exempt  # mail clients POST with no token (RFC 8058); the signed link is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user_id, target = unsubscribe_read(token)
        user = User.objects.get(pk=user_id)
    except (signing.BadSignature, User.DoesNotExist):
        return render(request, "notifications/unsubscribe.html", {"bad": True}, status=400)
    if request.method == "POST":
        unsubscribe_service(user=user, target=target)
        return render(request, "notifications/unsubscribe.html", {"done": True})
    return render(request, "notifications/unsubscribe.html", {})

"""A person's notification centre, their e-mail settings, and the one-click unsubscribe page
(RFC 8058: POST without log-in or CSRF, GET confirms)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.core.http import paginate, small_pk
from alliage.core.models import User

from .kinds import Delivery, all_kinds, message_of
from .models import Notification
from .selectors import kinds_by_group, notification_get, notification_list, preferences_for
from .services import notification_mark_read, notifications_mark_all_read, preferences_set
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


@login_required
@require_GET
def centre(request: HttpRequest) -> HttpResponse:
    page = paginate(request, notification_list(user=request.user), 25)
    kinds = all_kinds()
    items = [(n, message_of(n, kinds) or n.kind) for n in page]
    return render(request, "notifications/centre.html", {"page": page, "items": items})


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        notification = notification_get(user=request.user, pk=small_pk(pk))
    except Notification.DoesNotExist as missing:
        raise Http404 from missing
    notification_mark_read(notification=notification, by=request.user)
    if getattr(request, "htmx", False):
        return HttpResponse("")
    return redirect("notifications:centre")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    notifications_mark_all_read(by=request.user)
    return redirect("notifications:centre")


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    current = preferences_for(user=request.user)
    if request.method == "POST":
        chosen = {key: request.POST.get(key, current[key]) for key in current}
        if all(value in Delivery.values for value in chosen.values()):
            preferences_set(user=request.user, deliveries=chosen)
            return redirect("notifications:settings")
        messages.error(request, _("Choose one of the deliveries offered for each kind."))
    groups = [(group, [(k, current[k.key]) for k in kinds]) for group, kinds in kinds_by_group()]
    return render(
        request, "notifications/settings.html", {"groups": groups, "choices": Delivery.choices}
    )

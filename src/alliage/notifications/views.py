"""A person's notification centre and their e-mail choices, /me/notifications/."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.core.errors import BusinessError
from alliage.core.pagination import paginate_bounded

from . import selectors, services

PER_PAGE = 30


@login_required
@require_GET
def centre(request: HttpRequest) -> HttpResponse:
    page = paginate_bounded(request, selectors.notification_list(user=request.user), PER_PAGE)
    rows = [(n, selectors.notification_message(n)) for n in page.object_list]
    return render(
        request,
        "notifications/centre.html",
        {
            "page": page,
            "rows": rows,
            "unread": selectors.notification_unread_count(user=request.user),
        },
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Mark one (``pk``) or all read; then follow the notification's link when asked to."""
    services.notification_mark_read(user=request.user, notification_id=pk)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:centre")


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    groups = selectors.preference_choices(user=request.user)
    if request.method == "POST":
        choices = {
            choice.kind.key: request.POST.get(f"kind-{choice.kind.key}", choice.delivery)
            for _group, group_choices in groups
            for choice in group_choices
        }
        try:
            services.preferences_save(user=request.user, choices=choices)
        except BusinessError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:settings")
    from .kinds import Delivery

    return render(
        request,
        "notifications/settings.html",
        {"groups": groups, "deliveries": Delivery.choices},
    )

"""The calls: the list and one call's page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alliage.actors.models import OrganisationKind
from alliage.core.http import access_or_404, render_list
from alliage.core.pagination import paginate_bounded

from .. import selectors
from ..forms import CallFilterForm
from ..models import CallStatus


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    form = CallFilterForm(request.GET or None)
    page = paginate_bounded(request, selectors.call_list(viewer=request.user, **form.filters()), 20)
    return render_list(
        request,
        "calls/call_list.html",
        {
            "form": form,
            "page": page,
            "now": timezone.now(),
            "CallStatus": CallStatus,
            # the queue of proposals to review is offered to reviewers only
            "is_reviewer": selectors.is_reviewer(viewer=request.user),
        },
    )


@require_GET
def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = access_or_404(request, selectors.call_detail, "calls.see_call", slug=slug)
    can_manage = request.user.has_perm("calls.manage_call", call)
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "status": call.status,
            "CallStatus": CallStatus,
            "mine": selectors.my_submission(call=call, viewer=request.user),
            "accepted": (
                selectors.accepted_projects(call=call) if call.decided_at is not None else []
            ),
            "can_manage": can_manage,
            "pending": selectors.call_pending_reviewers(call=call) if can_manage else [],
            "kind_labels": dict(OrganisationKind.choices),
        },
    )

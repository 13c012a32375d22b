"""Declaring a reuse, and its moderation by the programme team."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.core.errors import BusinessError
from alliage.core.http import (
    form_add_business_error,
    require_perm,
    service_then_redirect,
    small_pk,
)

from .. import selectors, services
from ..forms import ModerationForm, ReuseForm
from ..models import Reuse, ReuseStatus
from .common import publication_or_404


@require_http_methods(["GET", "POST"])
def reuse_declare(request: HttpRequest, slug: str) -> HttpResponse:
    publication = publication_or_404(request, slug)
    if not publication.is_published:
        raise Http404  # a draft has no reuses yet
    if denied := require_perm(request, "commons.declare_reuse", publication):
        return denied
    form = ReuseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reuse_declare(publication=publication, by=request.user, **form.cleaned_data)
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(
                request,
                _("Thank you! Your reuse will show once the programme team has checked it."),
            )
            return redirect(publication)
    return render(request, "commons/reuse_form.html", {"form": form, "publication": publication})


@require_GET
def moderation(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "commons.open_moderation"):
        return denied
    return render(
        request,
        "commons/reuse_moderation.html",
        {
            "pending": list(selectors.moderation_queue(viewer=request.user)),
            "published": list(
                selectors.moderation_queue(viewer=request.user, status=ReuseStatus.PUBLISHED)[:20]
            ),
            "refused": list(
                selectors.moderation_queue(viewer=request.user, status=ReuseStatus.REFUSED)[:20]
            ),
            "form": ModerationForm(),
        },
    )


@require_POST
def reuse_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    # Not access_or_404: a visitor who may not moderate is sent to log in (or refused), as
    # for every action, rather than told the reuse does not exist.
    reuse = get_object_or_404(selectors.reuses_to_moderate(), pk=small_pk(pk))
    if denied := require_perm(request, "commons.moderate_reuse", reuse):
        return denied
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to publish or to refuse the reuse."))
        return redirect("commons:moderation")
    decision = form.cleaned_data["decision"]
    return service_then_redirect(
        request,
        lambda: services.reuse_moderate(
            reuse=reuse, by=request.user, decision=decision, note=form.cleaned_data["note"]
        ),
        to="commons:moderation",
        success=_moderated(reuse, decision),
    )


def _moderated(reuse: Reuse, decision: str) -> str:
    if decision == ReuseStatus.PUBLISHED:
        return _("“%(title)s” is published.") % {"title": reuse.title}
    return _("“%(title)s” is refused.") % {"title": reuse.title}

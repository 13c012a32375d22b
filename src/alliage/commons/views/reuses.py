"""Declaring a reuse, and its moderation by the programme team."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliage.core.errors import BusinessError
from alliage.core.http import require_perm

from .. import selectors, services
from ..forms import ModerationForm, ReuseForm
from ..models import Reuse, ReuseStatus
from .common import add_error, get_visible, small


def reuse_declare(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_visible(request, slug)
    if not publication.is_published:
        raise Http404  # a draft has no reuses yet
    if denied := require_perm(request, "commons.declare_reuse", publication):
        return denied
    form = ReuseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reuse_declare(publication=publication, by=request.user, **form.cleaned_data)
        except BusinessError as error:
            add_error(form, error, None)
        else:
            messages.success(
                request,
                _("Thank you! Your reuse will show once the programme team has checked it."),
            )
            return redirect(publication)
    return render(request, "commons/reuse_form.html", {"form": form, "publication": publication})


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
    reuse = get_object_or_404(Reuse.objects.select_related("publication"), pk=small(pk))
    if denied := require_perm(request, "commons.moderate_reuse", reuse):
        return denied
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to publish or to refuse the reuse."))
        return redirect("commons:moderation")
    try:
        services.reuse_moderate(
            reuse=reuse,
            by=request.user,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
    except BusinessError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _moderated(reuse, form.cleaned_data["decision"]))
    return redirect("commons:moderation")


def _moderated(reuse: Reuse, decision: str) -> str:
    if decision == ReuseStatus.PUBLISHED:
        return _("“%(title)s” is published.") % {"title": reuse.title}
    return _("“%(title)s” is refused.") % {"title": reuse.title}

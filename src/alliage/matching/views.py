"""Suggestion fragments (loaded by htmx, or as pages without JavaScript), similar ideas while
typing, and the convergences of a call for its team."""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alliage.actors import selectors as actor_selectors
from alliage.calls import selectors as call_selectors
from alliage.coalitions import selectors as coalition_selectors
from alliage.core.http import (
    HtmxHttpRequest,
    access_or_404,
    require_perm,
    service_then_redirect,
    small_pk,
)

from . import clusters, selectors, services


def _fragment(request: HtmxHttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """The bare fragment for htmx; the same inside a page otherwise."""
    if request.htmx:
        return render(request, f"matching/_{template}.html", context)
    return render(request, "matching/page.html", {**context, "fragment": template})


@require_GET
def invite(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    coalition = access_or_404(
        request, coalition_selectors.coalition_detail, "coalitions.see_coalition", slug=slug
    )
    if denied := require_perm(request, "matching.view_invitations", coalition):
        return denied
    return _fragment(
        request,
        "invite",
        {
            "coalition": coalition,
            "suggestions": selectors.actors_to_invite(coalition=coalition),
            "title": _("Actors to invite"),
        },
    )


@require_GET
def for_organisation(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    organisation = access_or_404(
        request, actor_selectors.organisation_listed, "actors.see_organisation", slug=slug
    )
    return _fragment(
        request,
        "coalitions_for",
        {
            "actor": organisation,
            "suggestions": selectors.coalitions_for(actor=organisation, viewer=request.user),
            "title": _("Coalitions that need what %(name)s offers") % {"name": organisation},
        },
    )


@require_GET
def for_person(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Only for the person themselves: it is their dashboard's advice, not a public page."""
    person = access_or_404(
        request, actor_selectors.person_of_user, "actors.see_person", pk=pk, user=request.user
    )
    return _fragment(
        request,
        "coalitions_for",
        {
            "actor": person,
            "suggestions": selectors.coalitions_for(actor=person, viewer=request.user),
            "title": _("Coalitions for you"),
        },
    )


@require_GET
def similar(request: HtmxHttpRequest) -> HttpResponse:
    """What someone is writing (a new coalition, a proposal) against existing coalitions."""
    text = " ".join(
        request.GET.get(name, "")[:2000]
        for name in ("title", "summary", "impact", "impact_statement", "text")
    )
    return render(
        request,
        "matching/_similar.html",
        {"suggestions": selectors.similar_coalitions(text=text, viewer=request.user)},
    )


def _threshold(request: HtmxHttpRequest) -> tuple[float | None, str]:
    """The similarity asked for, written with a decimal point or, as in French, a comma, kept
    within the page's bounds; None (the call's suggested threshold) when none is asked for or
    what was typed is not a number, with the error to show then."""
    typed = str(request.GET.get("threshold", "")).strip()
    if not typed:
        return None, ""
    try:
        value = float(typed.replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        return None, _("Type a number such as 0.25: the suggested threshold is used meanwhile.")
    return min(clusters.HIGHEST, max(clusters.LOWEST, value)), ""


@require_GET
def convergences(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    call = access_or_404(request, call_selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "matching.view_convergences", call):
        return denied
    threshold, error = _threshold(request)
    found = selectors.call_convergences(call=call, threshold=threshold)
    return render(
        request,
        "matching/convergences.html",
        {
            "call": call,
            "found": found,
            "threshold_error": error,
            "grouping": found.grouping,
            "lowest": min(found.grouping.lowest, found.grouping.threshold),
            "highest": max(found.grouping.highest, found.grouping.threshold),
        },
    )


@require_POST
def start_coalition(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    call = access_or_404(request, call_selectors.call_detail, "calls.see_call", slug=slug)
    if denied := require_perm(request, "matching.start_coalition", call):
        return denied
    back = reverse("matching:convergences", kwargs={"slug": call.slug})
    try:
        ids = [small_pk(int(v)) for v in request.POST.getlist("submission")]
    except ValueError:
        messages.error(request, _("Choose at least two submitted proposals of this call."))
        return redirect(back)
    return service_then_redirect(
        request,
        lambda: services.coalition_from_convergence(
            call=call, submission_ids=ids, title=request.POST.get("title", ""), by=request.user
        ),
        to=lambda coalition: (
            reverse("coalitions:coalition-edit", kwargs={"slug": coalition.slug})
            if coalition
            else back
        ),
        success=_("The coalition is created, unpublished: complete its canvas, then publish it."),
    )

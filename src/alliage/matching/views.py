"""Suggestion fragments (loaded by htmx, or as pages without JavaScript), similar ideas while
typing, and the convergences of a call for its team."""

from __future__ import annotations

import math

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliage.actors.models import Organisation, Person
from alliage.calls.models import Call
from alliage.coalitions import selectors as coalition_selectors
from alliage.coalitions.models import Coalition
from alliage.core.errors import BusinessError
from alliage.core.http import require_perm

from . import selectors, services

DEFAULT_THRESHOLD = 0.35


def _fragment(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """The bare fragment for htmx; the same inside a page otherwise."""
    if request.htmx:
        return render(request, f"matching/_{template}.html", context)
    return render(request, "matching/page.html", {**context, "fragment": template})


def invite(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        coalition = coalition_selectors.coalition_visible_to(slug=slug, viewer=request.user)
    except Coalition.DoesNotExist as missing:
        raise Http404 from missing
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


def for_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.filter(is_listed=True), slug=slug)
    return _fragment(
        request,
        "coalitions_for",
        {
            "actor": organisation,
            "suggestions": selectors.coalitions_for(actor=organisation, viewer=request.user),
            "title": _("Coalitions that need what %(name)s offers") % {"name": organisation},
        },
    )


def for_person(request: HttpRequest, pk: int) -> HttpResponse:
    """Only for the person themselves: it is their dashboard's advice, not a public page."""
    person = Person.objects.filter(pk=pk, user_id=request.user.pk).first()
    if person is None:
        raise Http404
    return _fragment(
        request,
        "coalitions_for",
        {
            "actor": person,
            "suggestions": selectors.coalitions_for(actor=person, viewer=request.user),
            "title": _("Coalitions for you"),
        },
    )


def similar(request: HttpRequest) -> HttpResponse:
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


def _threshold(request: HttpRequest) -> float:
    try:
        value = float(request.GET.get("threshold", DEFAULT_THRESHOLD))
    except ValueError:
        return DEFAULT_THRESHOLD
    return min(0.95, max(0.05, value)) if not math.isnan(value) else DEFAULT_THRESHOLD


def convergences(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call.objects.select_related("programme"), slug=slug)
    if denied := require_perm(request, "matching.view_convergences", call):
        return denied
    threshold = _threshold(request)
    groups = selectors.call_convergences(call=call, threshold=threshold)
    return render(
        request,
        "matching/convergences.html",
        {
            "call": call,
            "threshold": threshold,
            "groups": [g for g in groups if len(g.submissions) > 1],
            "alone": [g.submissions[0] for g in groups if len(g.submissions) == 1],
            "count": sum(len(g.submissions) for g in groups),
        },
    )


@require_POST
def start_coalition(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call.objects.select_related("programme"), slug=slug)
    if denied := require_perm(request, "matching.start_coalition", call):
        return denied
    try:
        ids = [int(v) for v in request.POST.getlist("submission")]
        coalition = services.coalition_from_convergence(
            call=call, submission_ids=ids, title=request.POST.get("title", ""), by=request.user
        )
    except ValueError:
        messages.error(request, _("Choose at least two submitted proposals of this call."))
    except BusinessError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The coalition is created, unpublished: complete its canvas, then publish it."),
        )
        return redirect("coalitions:coalition-edit", slug=coalition.slug)
    return redirect("matching:convergences", slug=call.slug)

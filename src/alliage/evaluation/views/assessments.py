"""Facteur 4 assessments: answer the grid from one side of the dialogue, read one, compare
two."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alliage.core.errors import BusinessError
from alliage.core.hooks import Slot, page_sections
from alliage.core.http import form_add_business_error, require_perm

from .. import selectors, services
from ..forms import AssessmentForm
from ..models import AssessmentSide
from ..questionnaire import Grid
from .common import assessment_or_404, coalition_or_404, radar


@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest, slug: str, side: str) -> HttpResponse:
    """A new assessment from one side, under the latest version of the questionnaire."""
    coalition = coalition_or_404(request, slug)
    if side not in AssessmentSide.values:
        raise Http404
    if denied := require_perm(request, services.ASSESS_PERMISSION[side], coalition):
        return denied
    version = selectors.questionnaire_latest(slug=selectors.FACTEUR_4)
    if version is None:
        messages.error(request, _("The Facteur 4 questionnaire is not loaded yet."))
        return redirect(coalition)
    grid = Grid(version.content)
    form = AssessmentForm(request.POST or None, grid=grid)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_save(
                coalition=coalition,
                by=request.user,
                side=side,
                answers=form.answers(),
                assessed_on=form.cleaned_data["assessed_on"],
                is_public=form.cleaned_data["is_public"],
                version=version,
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect(assessment.get_absolute_url())
    return render(
        request,
        "evaluation/assessment_form.html",
        {
            "coalition": coalition,
            "form": form,
            "grid": grid,
            "version": version,
            "side_label": AssessmentSide(side).label,
        },
    )


@require_GET
def assessment_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    coalition = coalition_or_404(request, slug)
    assessment = assessment_or_404(request, coalition, pk)
    grid = Grid(assessment.version.content)
    rows = selectors.compare(assessment, None)
    steps = [
        (title, [(q, assessment.answers.get(q.key)) for q in questions])
        for _key, title, _help, questions in grid.steps()
    ]
    return render(
        request,
        "evaluation/assessment_detail.html",
        {
            "coalition": coalition,
            "assessment": assessment,
            "grid": grid,
            "steps": steps,
            "scale": dict(grid.scale_labels),
            "chart": radar(assessment, None, rows),
            "rows": rows,
            "discussion_sections": page_sections(request, assessment, Slot.DISCUSSION),
        },
    )


@require_GET
def assessment_compare(request: HttpRequest, slug: str) -> HttpResponse:
    """Two assessments side by side: by default the dialogue (the latest self-assessment and
    the latest accompanier's), or any two chosen, such as one coalition at two dates."""
    coalition = coalition_or_404(request, slug)
    assessments = selectors.assessments_for(coalition=coalition, viewer=request.user)
    by_pk = {str(a.pk): a for a in assessments}
    first, second = selectors.dialogue(assessments)
    if request.GET.get("a") or request.GET.get("b"):
        first, second = by_pk.get(request.GET.get("a", "")), by_pk.get(request.GET.get("b", ""))
        if first is None or second is None:
            raise Http404
    if first is None or second is None:
        return render(
            request,
            "evaluation/assessment_compare.html",
            {"coalition": coalition, "assessments": assessments, "missing": True},
        )
    rows = selectors.compare(first, second)
    return render(
        request,
        "evaluation/assessment_compare.html",
        {
            "coalition": coalition,
            "assessments": assessments,
            "first": first,
            "second": second,
            "rows": rows,
            "chart": radar(first, second, rows),
            "divergences": [row for row in rows if row.diverges],
            "threshold": selectors.DIVERGENCE,
        },
    )

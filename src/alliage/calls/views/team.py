"""The team's pages for setting up calls (`/team/calls/`): the list, a new call, its settings
and dates, its form builder, its rubric, its reviewer pool, and duplication."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alliage.coalitions.selectors import programmes_run_by
from alliage.core.errors import BusinessError
from alliage.core.http import access_or_404, form_add_business_error, require_perm, small_pk
from alliage.core.numbers import whole_percents

from .. import selectors, services
from ..forms_team import (
    CallForm,
    CriterionForm,
    DuplicateForm,
    QuestionForm,
    ReviewerSearchForm,
    TemplateForm,
)
from ..models import Call, CallStatus

MOVES = {"up": -1, "down": 1}


def _call(request: HttpRequest, slug: str) -> Call:
    return access_or_404(request, selectors.call_detail, "calls.manage_call", slug=slug)


def _posted_pk(request: HttpRequest, name: str) -> int:
    raw = request.POST.get(name, "")
    return small_pk(int(raw)) if raw.isdigit() else 0


def _order(request: HttpRequest) -> list[int]:
    """The ids of a drag and drop's new order, as posted ("3,1,2")."""
    parts = request.POST.get("order", "").split(",")[:200]
    return [small_pk(int(p)) for p in parts if p.strip().isdigit()]


def _render(request: HttpRequest, template: str, call: Call | None, **context: Any) -> HttpResponse:
    return render(
        request, f"calls/team/{template}", {"call": call, "CallStatus": CallStatus, **context}
    )


@require_GET
@login_required
def call_list(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    return _render(
        request, "call_list.html", None, calls=list(selectors.team_calls(viewer=request.user))
    )


@require_http_methods(["GET", "POST"])
@login_required
def call_create(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    programmes = programmes_run_by(user=request.user)
    form = CallForm(request.POST or None, programmes=programmes, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(
                by=request.user, template=form.cleaned_data["template"], **form.settings()
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("The call is created: now write its questions."))
            return redirect("team:calls:call-questions", slug=call.slug)
    return _render(request, "call_form.html", None, form=form)


@require_http_methods(["GET", "POST"])
@login_required
def call_edit(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    form = CallForm(
        request.POST or None,
        initial=CallForm.initial_for(call),
        programmes=programmes_run_by(user=request.user),
        creating=False,
        idea_stages=selectors.idea_stage_choices(call=call),
    )
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_update(call=call, by=request.user, **form.settings())
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("The call's settings are saved."))
            return redirect("team:calls:call-edit", slug=call.slug)
    return _render(request, "call_form.html", call, form=form, tab="settings")


@require_http_methods(["GET", "POST"])
@login_required
def call_questions(request: HttpRequest, slug: str) -> HttpResponse:
    """The form builder: the call's own questions, added, changed, reordered, removed."""
    call = _call(request, slug)
    add_form = QuestionForm(prefix="new")
    failed: dict[int, QuestionForm] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        questions = {q.pk: q for q in call.questions.all()}
        question = questions.get(_posted_pk(request, "question"))
        try:
            if action == "reorder":
                services.questions_reorder(call=call, by=request.user, order=_order(request))
                return redirect("team:calls:call-questions", slug=call.slug)
            if action == "add":
                add_form = QuestionForm(request.POST, prefix="new")
                if add_form.is_valid():
                    services.question_save(call=call, by=request.user, **add_form.values())
                    messages.success(request, _("The question is added."))
                    return redirect("team:calls:call-questions", slug=call.slug)
            elif question is None:
                messages.error(request, _("This question is not part of this call."))
                return redirect("team:calls:call-questions", slug=call.slug)
            elif action == "update":
                form = QuestionForm(request.POST, prefix=f"q{question.pk}")
                failed[question.pk] = form
                if form.is_valid():
                    services.question_save(
                        call=call, by=request.user, question=question, **form.values()
                    )
                    messages.success(request, _("The question is saved."))
                    return redirect("team:calls:call-questions", slug=call.slug)
            elif action in MOVES:
                services.question_move(question=question, by=request.user, delta=MOVES[action])
                return redirect(f"{request.path}#question-{question.pk}")
            elif action == "delete":
                removed = services.question_delete(
                    question=question, by=request.user, confirm=request.POST.get("confirm") == "1"
                )
                messages.success(
                    request,
                    _("The question is removed, with its answers.")
                    if removed
                    else _("The question is removed."),
                )
                return redirect("team:calls:call-questions", slug=call.slug)
        except BusinessError as error:
            target = failed.get(question.pk) if question else add_form
            if target is not None and target.is_bound:
                form_add_business_error(target, error)
            else:
                messages.error(request, error.message)
                return redirect("team:calls:call-questions", slug=call.slug)
    items = [
        (
            q,
            failed.get(q.pk)
            or QuestionForm(prefix=f"q{q.pk}", initial=QuestionForm.initial_for(q)),
        )
        for q in selectors.call_questions(call=call)
    ]
    return _render(
        request, "call_questions.html", call, items=items, add_form=add_form, tab="questions"
    )


@require_http_methods(["GET", "POST"])
@login_required
def call_rubric(request: HttpRequest, slug: str) -> HttpResponse:
    """The rubric editor: criteria added from scratch or from a template, changed, reordered,
    removed while nobody has scored them."""
    call = _call(request, slug)
    add_form = CriterionForm(prefix="new")
    template_form = TemplateForm()
    failed: dict[int, CriterionForm] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        criteria = {c.pk: c for c in call.criteria.all()}
        criterion = criteria.get(_posted_pk(request, "criterion"))
        try:
            if action == "reorder":
                services.criteria_reorder(call=call, by=request.user, order=_order(request))
                return redirect("team:calls:call-rubric", slug=call.slug)
            if action == "add":
                add_form = CriterionForm(request.POST, prefix="new")
                if add_form.is_valid():
                    services.criterion_save(call=call, by=request.user, **add_form.cleaned_data)
                    messages.success(request, _("The criterion is added."))
                    return redirect("team:calls:call-rubric", slug=call.slug)
            elif action == "template":
                template_form = TemplateForm(request.POST)
                if template_form.is_valid():
                    services.rubric_from_template(
                        call=call, by=request.user, template=template_form.cleaned_data["template"]
                    )
                    messages.success(request, _("The template's criteria are added."))
                    return redirect("team:calls:call-rubric", slug=call.slug)
            elif criterion is None:
                messages.error(request, _("This criterion is not part of this call."))
                return redirect("team:calls:call-rubric", slug=call.slug)
            elif action == "update":
                form = CriterionForm(request.POST, prefix=f"c{criterion.pk}")
                failed[criterion.pk] = form
                if form.is_valid():
                    services.criterion_save(
                        call=call, by=request.user, criterion=criterion, **form.cleaned_data
                    )
                    messages.success(request, _("The criterion is saved."))
                    return redirect("team:calls:call-rubric", slug=call.slug)
            elif action in MOVES:
                services.criterion_move(criterion=criterion, by=request.user, delta=MOVES[action])
                return redirect(f"{request.path}#criterion-{criterion.pk}")
            elif action == "delete":
                services.criterion_delete(criterion=criterion, by=request.user)
                messages.success(request, _("The criterion is removed."))
                return redirect("team:calls:call-rubric", slug=call.slug)
        except BusinessError as error:
            target = failed.get(criterion.pk) if criterion else add_form
            if target is not None and target.is_bound:
                form_add_business_error(target, error)
            else:
                messages.error(request, error.message)
                return redirect("team:calls:call-rubric", slug=call.slug)
    criteria_list = selectors.call_criteria_scored(call=call)
    items = [
        (
            c,
            failed.get(c.pk)
            or CriterionForm(
                prefix=f"c{c.pk}",
                initial={f: getattr(c, f) for f in ("name", "guidance", "weight", "scale")},
            ),
        )
        for c in criteria_list
    ]
    for c, share in zip(
        criteria_list, whole_percents([c.weight for c in criteria_list]), strict=True
    ):
        c.share = share
    return _render(
        request,
        "call_rubric.html",
        call,
        items=items,
        add_form=add_form,
        template_form=template_form,
        tab="rubric",
    )


def _candidates(request: HttpRequest, call: Call) -> tuple[ReviewerSearchForm, list[Any]]:
    search = ReviewerSearchForm(
        request.GET or None, search_url=reverse("team:calls:reviewer-search", args=[call.slug])
    )
    q = search.cleaned_data["q"] if search.is_valid() else ""
    return search, selectors.reviewer_candidates(call=call, q=q)


@require_http_methods(["GET", "POST"])
@login_required
def call_reviewers(request: HttpRequest, slug: str) -> HttpResponse:
    """The reviewer pool: a search-as-you-type picker (a plain search form without JS)."""
    call = _call(request, slug)
    if request.method == "POST":
        reviewer = selectors.account(pk=_posted_pk(request, "reviewer"))
        action = request.POST.get("action", "")
        if reviewer is None:
            messages.error(request, _("This person was not found."))
        else:
            try:
                if action == "remove":
                    services.call_reviewer_remove(call=call, by=request.user, reviewer=reviewer)
                    messages.success(
                        request, _("%(name)s is no longer a reviewer.") % {"name": _name(reviewer)}
                    )
                else:
                    services.call_reviewer_add(call=call, by=request.user, reviewer=reviewer)
                    messages.success(
                        request, _("%(name)s is a reviewer now.") % {"name": _name(reviewer)}
                    )
            except BusinessError as error:
                messages.error(request, error.message)
        return redirect("team:calls:call-reviewers", slug=call.slug)
    search, candidates = _candidates(request, call)
    return _render(
        request,
        "call_reviewers.html",
        call,
        reviewers=selectors.call_reviewers(call=call),
        search=search,
        candidates=candidates,
        searched=bool(search.is_bound and search.data.get("q", "").strip()),
        tab="reviewers",
    )


def _name(user: Any) -> str:
    person = getattr(user, "person", None)
    return str(person) if person is not None else user.email


@require_GET
@login_required
def reviewer_search(request: HttpRequest, slug: str) -> HttpResponse:
    """htmx: the people matching what is typed, a few at most, each with an 'Add' button."""
    call = _call(request, slug)
    search, candidates = _candidates(request, call)
    return _render(
        request,
        "_reviewer_results.html",
        call,
        candidates=candidates,
        searched=bool(search.is_bound and search.data.get("q", "").strip()),
    )


@require_http_methods(["GET", "POST"])
@login_required
def call_duplicate(request: HttpRequest, slug: str) -> HttpResponse:
    """A new call from this one: questions, rubric, eligibility and reviewers; the new dates
    asked for (proposed a year later)."""
    call = _call(request, slug)
    form = DuplicateForm(
        request.POST or None,
        initial={
            "title": _("%(title)s (copy)") % {"title": call.title},
            **{
                name: _a_year_later(getattr(call, name))
                for name in ("opens_at", "closes_at", "review_due_at", "decisions_expected_at")
            },
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.call_duplicate(call=call, by=request.user, **form.cleaned_data)
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "The call is duplicated, as a draft seen by the team only: check it, "
                    "then make it public."
                ),
            )
            return redirect("team:calls:call-edit", slug=copy.slug)
    return _render(request, "call_duplicate.html", call, form=form, tab="duplicate")


def _a_year_later(when: Any) -> Any:
    if when is None:
        return None
    try:
        return when.replace(year=when.year + 1)
    except ValueError:  # 29 February
        return when.replace(year=when.year + 1, day=28)

"""Pages of programmes and coalitions: parse, call a selector or a service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliage.actors.models import Organisation, OrganisationKind
from alliage.actors.selectors import organisations_for_person, person_for_user
from alliage.actors.services import person_ensure
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.hooks import PAGE_SECTIONS, Slot, sections, sections_by_slot
from alliage.core.http import paginate, require_perm

from . import selectors, services
from .forms import (
    CanvasForm,
    CoalitionFilterForm,
    DecisionForm,
    JoinRequestForm,
    MilestoneFormSet,
    ProposeForm,
    milestones_from,
)
from .models import Coalition, CoalitionMember, CoalitionStatus, JoinRequest, MemberRole, Programme


def home(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.programme_list())
    recent = list(selectors.coalition_list(viewer=request.user)[:6])
    selectors.attach_heterogeneity(recent)
    figures = {
        "coalitions": sum(p.coalition_count for p in programmes),
        "organisations": Organisation.objects.filter(is_listed=True).count(),
        "kinds": Organisation.objects.filter(is_listed=True).values("kind").distinct().count(),
        "kinds_total": len(OrganisationKind.choices),
    }
    return render(
        request,
        "coalitions/home.html",
        {"programmes": programmes, "recent": recent, "figures": figures},
    )


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        programme = selectors.programme_detail(slug=slug)
    except Programme.DoesNotExist as missing:
        raise Http404 from missing
    coalitions = list(selectors.coalition_list(viewer=request.user, programme=slug)[:50])
    selectors.attach_heterogeneity(coalitions)
    return render(
        request,
        "coalitions/programme_detail.html",
        {
            "programme": programme,
            "coalitions": coalitions,
            "status_counts": selectors.programme_status_counts(
                programme=programme, viewer=request.user
            ),
            "sections": sections(PAGE_SECTIONS, request, programme),
        },
    )


def coalition_list(request: HttpRequest) -> HttpResponse:
    programmes = list(Programme.objects.order_by("position", "name"))
    form = CoalitionFilterForm(request.GET or None, programmes=programmes)
    filters = form.filters()
    page = paginate(
        request,
        selectors.coalition_list(viewer=request.user, **filters),
        settings.ALLIAGE_PAGE_SIZE,
    )
    selectors.attach_heterogeneity(page.object_list)
    template = "coalitions/coalition_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(
        request,
        template,
        {"form": form, "page": page, "filtered": bool(filters), "programmes": programmes},
    )


def _get_visible(request: HttpRequest, slug: str) -> Coalition:
    try:
        return selectors.coalition_visible_to(slug=slug, viewer=request.user)
    except Coalition.DoesNotExist as missing:
        raise Http404 from missing


def coalition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = _get_visible(request, slug)
    user = request.user
    can_edit = user.has_perm("coalitions.edit_coalition", coalition)
    context = {
        "coalition": coalition,
        "heterogeneity": selectors.coalition_heterogeneity(coalition),
        "can_edit": can_edit,
        "can_see_private": user.has_perm("coalitions.view_members_section", coalition),
        "can_request_join": user.has_perm("coalitions.request_join", coalition),
        "transitions": services.allowed_transitions(coalition.status) if can_edit else [],
        "status_labels": dict(CoalitionStatus.choices),
        "pending_request": selectors.coalition_pending_request_for(coalition=coalition, user=user),
        "pending_requests": (
            list(selectors.coalition_pending_requests(coalition=coalition)) if can_edit else []
        ),
        "lifecycle": CoalitionStatus.choices,
        "roles": MemberRole.choices,
    }
    by_slot = sections_by_slot(sections(PAGE_SECTIONS, request, coalition))
    context["sections"] = by_slot[Slot.SIDEBAR]
    context["evaluation_sections"] = by_slot[Slot.EVALUATION]
    if context["can_request_join"] and not context["pending_request"]:
        person = person_for_user(user=user)  # reading a page never creates a person
        context["join_form"] = JoinRequestForm(
            organisations=(
                organisations_for_person(person=person) if person else Organisation.objects.none()
            )
        )
    return render(request, "coalitions/coalition_detail.html", context)


def coalition_edit(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = _get_visible(request, slug)
    if denied := require_perm(request, "coalitions.edit_coalition", coalition):
        return denied
    milestone_initial = [
        {"title": m.title, "due_date": m.due_date, "status": m.status}
        for m in coalition.milestones.all()
    ]
    if request.method == "POST":
        form = CanvasForm(request.POST, instance=Coalition.objects.get(pk=coalition.pk))
        formset = MilestoneFormSet(request.POST, prefix="milestones")
        if form.is_valid() and formset.is_valid():
            try:
                changes = services.coalition_update_canvas(
                    coalition=coalition,
                    by=request.user,
                    data=form.canvas_data(),
                    milestones=milestones_from(formset),
                    base_revision=form.cleaned_data.get("base_revision"),
                )
            except services.StaleEdit as error:
                form.add_error(None, error.message)
                # The next save builds on what is there now: the user has seen the warning.
                form.data = form.data.copy()
                form.data["base_revision"] = selectors.coalition_revision(coalition=coalition)
            except BusinessError as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if changes:
                    messages.success(request, _("The canvas has been saved."))
                else:
                    messages.info(request, _("Nothing changed."))
                return redirect(coalition)
    else:
        form = CanvasForm(
            instance=coalition,
            initial={"base_revision": selectors.coalition_revision(coalition=coalition)},
        )
        formset = MilestoneFormSet(initial=milestone_initial, prefix="milestones")
    return render(
        request,
        "coalitions/coalition_edit.html",
        {"coalition": coalition, "form": form, "formset": formset},
    )


def coalition_history(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = _get_visible(request, slug)
    include_private = request.user.has_perm("coalitions.view_members_section", coalition)
    page = paginate(
        request,
        selectors.coalition_revision_numbers(coalition=coalition, include_private=include_private),
        20,
    )
    revisions = selectors.coalition_history(
        coalition=coalition, include_private=include_private, revisions=page.object_list
    )
    return render(
        request,
        "coalitions/coalition_history.html",
        {"coalition": coalition, "page": page, "revisions": revisions},
    )


@require_POST
def coalition_transition(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = _get_visible(request, slug)
    if denied := require_perm(request, "coalitions.transition_coalition", coalition):
        return denied
    try:
        services.coalition_transition(
            coalition=coalition, by=request.user, to=request.POST.get("to", "")
        )
    except BusinessError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The coalition is now “%(status)s”.") % {"status": coalition.get_status_display()},
        )
    return redirect(coalition)


@require_POST
def coalition_join(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = _get_visible(request, slug)
    if denied := require_perm(request, "coalitions.request_join", coalition):
        return denied
    person = person_ensure(user=request.user)
    form = JoinRequestForm(request.POST, organisations=organisations_for_person(person=person))
    if not form.is_valid():
        messages.error(request, _("Please choose one of your organisations, or your own name."))
        return redirect(coalition)
    try:
        services.join_request_create(
            coalition=coalition,
            by=request.user,
            organisation=form.cleaned_data["organisation"],
            message=form.cleaned_data["message"],
        )
    except BusinessError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request has been sent to the coalition's leads."))
    return redirect(coalition)


@require_POST
def join_request_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    coalition = _get_visible(request, slug)
    if denied := require_perm(request, "coalitions.decide_join", coalition):
        return denied
    join_request = get_object_or_404(JoinRequest, pk=pk, coalition=coalition)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or decline the request."))
        return redirect(coalition)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.join_request_decide(
            join_request=join_request,
            by=request.user,
            accept=accept,
            role=form.cleaned_data["role"] or "member",
        )
    except BusinessError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(person)s is now a member.") % {"person": join_request.person}
            if accept
            else _("The request has been declined."),
        )
    return redirect(coalition)


@require_POST
def member_manage(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a member's role, remove them, or leave (for oneself)."""
    coalition = _get_visible(request, slug)
    if not request.user.is_authenticated:
        return require_perm(request, "coalitions.decide_join", coalition)  # log-in redirect
    member = get_object_or_404(CoalitionMember, pk=pk, coalition=coalition)
    try:
        if request.POST.get("action") == "remove":
            services.member_remove(member=member, by=request.user)
            messages.success(
                request, _("%(person)s is no longer a member.") % {"person": member.person}
            )
        else:
            services.member_change_role(
                member=member, by=request.user, role=request.POST.get("role", "")
            )
            messages.success(request, _("The role is changed."))
    except PermissionRefused as refused:
        raise PermissionDenied from refused
    except BusinessError as error:
        messages.error(request, error.message)
    return redirect(coalition)


@login_required
def coalition_propose(request: HttpRequest) -> HttpResponse:
    organisations = organisations_for_person(person=person_ensure(user=request.user))
    form = ProposeForm(
        request.POST or None,
        organisations=organisations,
        initial={"programme": request.GET.get("programme")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            coalition = services.coalition_propose(
                programme=data["programme"],
                by=request.user,
                title=data["title"],
                summary=data["summary"],
                impact_statement=data["impact_statement"],
                organisation=data["organisation"],
            )
        except BusinessError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Your coalition is created as an idea. Fill in its canvas, then publish it."),
            )
            return redirect("coalitions:coalition-edit", slug=coalition.slug)
    return render(request, "coalitions/coalition_propose.html", {"form": form})

"""Pages of programmes and coalitions: parse, access, one selector or service call, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.actors.models import OrganisationKind
from alliage.actors.selectors import (
    organisation_count_listed,
    organisation_kind_count_listed,
    organisations_for_person,
    person_for_user,
)
from alliage.core.errors import BusinessError
from alliage.core.hooks import PAGE_SECTIONS, Slot, sections, sections_by_slot
from alliage.core.http import (
    access_or_404,
    form_add_business_error,
    render_list,
    require_perm,
    service_then_redirect,
    small_pk,
)
from alliage.core.pagination import paginate_bounded, paginate_deep

from . import selectors, services
from .forms import (
    MILESTONES_PREFIX,
    CanvasForm,
    CoalitionFilterForm,
    DecisionForm,
    JoinRequestForm,
    MilestoneFormSet,
    ProposeForm,
    canvas_draft_data,
    canvas_editor_from_draft,
    milestones_from,
)
from .models import Coalition, CoalitionStatus, MemberRole


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # A signed-in person's home is their own space; the public page stays one link away.
    if request.user.is_authenticated and "public" not in request.GET:
        return redirect("myspace:home")
    programmes = list(selectors.programme_list(counts=True))
    recent = list(selectors.coalition_list(viewer=request.user, current_only=True)[:6])
    selectors.attach_heterogeneity(recent)
    figures = {
        "coalitions": sum(p.coalition_count for p in programmes),
        "organisations": organisation_count_listed(),
        "kinds": organisation_kind_count_listed(),
        "kinds_total": len(OrganisationKind.choices),
    }
    return render(
        request,
        "coalitions/home.html",
        {"programmes": programmes, "recent": recent, "figures": figures},
    )


@require_GET
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = access_or_404(
        request, selectors.programme_detail, "coalitions.see_programme", slug=slug
    )
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


@require_GET
def coalition_list(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.programme_list())
    form = CoalitionFilterForm(request.GET or None, programmes=programmes)
    filters = form.filters()
    page = paginate_deep(
        request,
        selectors.coalition_list(viewer=request.user, **filters),
        settings.ALLIAGE_PAGE_SIZE,
        count_parts=selectors.coalition_list_count_parts(viewer=request.user, **filters),
    )
    selectors.attach_heterogeneity(page.object_list)
    return render_list(
        request,
        "coalitions/coalition_list.html",
        {"form": form, "page": page, "filtered": bool(filters), "programmes": programmes},
    )


def _coalition(request: HttpRequest, slug: str) -> Coalition:
    """The coalition with its path and members, if the viewer may see it; 404 otherwise."""
    return access_or_404(request, selectors.coalition_detail, "coalitions.see_coalition", slug=slug)


@require_GET
def coalition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = _coalition(request, slug)
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
    context["discussion_sections"] = by_slot[Slot.DISCUSSION]
    if context["can_request_join"] and not context["pending_request"]:
        person = person_for_user(user=user)  # reading a page never creates a person
        context["join_form"] = JoinRequestForm(
            organisations=organisations_for_person(person=person)
        )
    return render(request, "coalitions/coalition_detail.html", context)


@require_http_methods(["GET", "POST"])
def coalition_edit(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = _coalition(request, slug)
    if denied := require_perm(request, "coalitions.edit_coalition", coalition):
        return denied
    context: dict[str, Any] = {"coalition": coalition}
    if request.method == "POST":
        # The form validates a copy: the service compares the edit with the stored canvas.
        form = CanvasForm(request.POST, instance=selectors.coalition_stored(pk=coalition.pk))
        formset = MilestoneFormSet(request.POST, prefix=MILESTONES_PREFIX)
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
            except (BusinessError, ValidationError) as error:
                form_add_business_error(form, error)
            else:
                if changes:
                    messages.success(request, _("The canvas has been saved."))
                else:
                    messages.info(request, _("Nothing changed."))
                return redirect(coalition)
    else:
        draft = selectors.canvas_draft(coalition=coalition, viewer=request.user)
        resume = draft is not None and request.GET.get("draft") == "resume"
        revision = selectors.coalition_revision(coalition=coalition)
        milestones = selectors.coalition_milestones_initial(coalition=coalition)
        if resume:
            form, formset = canvas_editor_from_draft(
                coalition, draft.data, draft.base_revision, milestones
            )
        else:
            form = CanvasForm(instance=coalition, initial={"base_revision": revision})
            formset = MilestoneFormSet(initial=milestones, prefix=MILESTONES_PREFIX)
        context.update(
            draft=draft,
            draft_resumed=resume,
            draft_stale=draft is not None and draft.base_revision < revision,
        )
    context.update(form=form, formset=formset)
    return render(request, "coalitions/coalition_edit.html", context)


@require_POST
@login_required
def coalition_draft_keep(request: HttpRequest, slug: str) -> HttpResponse:
    """htmx: keeps what the editor types as the person's own draft, without saving the
    canvas; answers with a one-line status."""
    coalition = _coalition(request, slug)
    if denied := require_perm(request, "coalitions.edit_coalition", coalition):
        return denied
    try:
        base_revision: int | None = int(request.POST.get("base_revision", ""))
    except ValueError:
        base_revision = None
    ok = False
    try:
        draft = services.canvas_draft_keep(
            coalition=coalition,
            by=request.user,
            data=canvas_draft_data(request.POST),
            base_revision=base_revision,
        )
    except BusinessError as error:
        message = error.message
    else:
        if draft is None:
            message = _("You saved this canvas since you opened this page: reload it to go on.")
        else:
            message = _("Draft kept at %(time)s, for you alone: save the canvas to publish it.") % {
                "time": timezone.localtime(draft.updated_at).strftime("%H:%M:%S")
            }
            ok = True
    return render(request, "core/_autosave_status.html", {"message": message, "ok": ok})


@require_POST
@login_required
def coalition_draft_discard(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = _coalition(request, slug)
    if denied := require_perm(request, "coalitions.edit_coalition", coalition):
        return denied
    if services.canvas_draft_discard(coalition=coalition, by=request.user):
        messages.info(request, _("Your draft is discarded: the editor shows the saved canvas."))
    return redirect("coalitions:coalition-edit", slug=coalition.slug)


@require_GET
def coalition_history(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = _coalition(request, slug)
    include_private = request.user.has_perm("coalitions.view_members_section", coalition)
    page = paginate_bounded(
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
    coalition = _coalition(request, slug)
    if denied := require_perm(request, "coalitions.transition_coalition", coalition):
        return denied
    return service_then_redirect(
        request,
        lambda: services.coalition_transition(
            coalition=coalition, by=request.user, to=request.POST.get("to", "")
        ),
        to=coalition,
        success=lambda moved: (
            _("The coalition is now “%(status)s”.") % {"status": moved.get_status_display()}
        ),
    )


@require_POST
def coalition_join(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = _coalition(request, slug)
    if denied := require_perm(request, "coalitions.request_join", coalition):
        return denied
    # The service creates the person if need be; the choice offered is the person's own.
    person = person_for_user(user=request.user)
    form = JoinRequestForm(request.POST, organisations=organisations_for_person(person=person))
    if not form.is_valid():
        messages.error(request, _("Please choose one of your organisations, or your own name."))
        return redirect(coalition)
    return service_then_redirect(
        request,
        lambda: services.join_request_create(
            coalition=coalition,
            by=request.user,
            organisation=form.cleaned_data["organisation"],
            message=form.cleaned_data["message"],
        ),
        to=coalition,
        success=_("Your request has been sent to the coalition's leads."),
    )


@require_POST
@login_required
def join_request_withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    """Take back one's own pending request to join (the only one the viewer can reach)."""
    coalition = _coalition(request, slug)
    pending = selectors.coalition_pending_request_for(coalition=coalition, user=request.user)
    if pending is None:
        messages.info(request, _("You have no request waiting for an answer here."))
        return redirect(coalition)
    return service_then_redirect(
        request,
        lambda: services.join_request_withdraw(join_request=pending, by=request.user),
        to=coalition,
        success=_("Your request to join is withdrawn."),
    )


@require_POST
def join_request_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    coalition = _coalition(request, slug)
    if denied := require_perm(request, "coalitions.decide_join", coalition):
        return denied
    join_request = get_object_or_404(
        selectors.coalition_join_requests(coalition=coalition), pk=small_pk(pk)
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or decline the request."))
        return redirect(coalition)
    accept = form.cleaned_data["decision"] == "accept"
    return service_then_redirect(
        request,
        lambda: services.join_request_decide(
            join_request=join_request,
            by=request.user,
            accept=accept,
            role=form.cleaned_data["role"] or MemberRole.MEMBER,
        ),
        to=coalition,
        success=(
            _("%(person)s is now a member.") % {"person": join_request.person}
            if accept
            else _("The request has been declined.")
        ),
    )


@require_POST
def member_manage(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a member's role (for the leads and the team). Removing someone, or leaving, is
    the confirmation page's (``member_remove``): a post asking for it here is sent there."""
    coalition = _coalition(request, slug)
    if not request.user.is_authenticated:
        return require_perm(request, "coalitions.decide_join", coalition)  # log-in redirect
    member = get_object_or_404(selectors.coalition_members(coalition=coalition), pk=small_pk(pk))
    removing = request.POST.get("action") == "remove"
    leaving = removing and member.person.user_id == request.user.pk
    if not leaving and (denied := require_perm(request, "coalitions.decide_join", coalition)):
        return denied
    if removing:
        # An old form or a double click: nothing is written before the confirmation page.
        return redirect("coalitions:member-remove", slug=coalition.slug, pk=member.pk)
    return service_then_redirect(
        request,
        lambda: services.member_change_role(
            member=member, by=request.user, role=request.POST.get("role", "")
        ),
        to=coalition,
        success=_("The role is changed."),
    )


@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET: the confirmation page, which says what the member loses (or why it cannot be
    done); POST: the removal, or leaving for oneself."""
    coalition = _coalition(request, slug)
    if not request.user.is_authenticated:
        return require_perm(request, "coalitions.decide_join", coalition)  # log-in redirect
    member = get_object_or_404(selectors.coalition_members(coalition=coalition), pk=small_pk(pk))
    # Anyone may leave; removing someone else is for the leads and the team (403 otherwise).
    leaving = member.person.user_id == request.user.pk
    if not leaving and (denied := require_perm(request, "coalitions.decide_join", coalition)):
        return denied
    if request.method == "GET":
        return render(
            request,
            "coalitions/member_remove.html",
            {
                "coalition": coalition,
                "member": member,
                "leaving": leaving,
                "refusal": services.member_removal_refusal(member=member, by=request.user),
            },
        )
    return service_then_redirect(
        request,
        lambda: services.member_remove(member=member, by=request.user),
        to=coalition,
        success=(
            _("You are no longer a member of this coalition.")
            if leaving
            else _("%(person)s is no longer a member.") % {"person": member.person}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def coalition_propose(request: HttpRequest) -> HttpResponse:
    # Showing the form writes nothing: the service creates the person when they propose.
    person = person_for_user(user=request.user)
    form = ProposeForm(
        request.POST or None,
        organisations=organisations_for_person(person=person),
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
                content_language=data["content_language"],
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(
                request,
                _("Your coalition is created as an idea. Fill in its canvas, then publish it."),
            )
            return redirect("coalitions:coalition-edit", slug=coalition.slug)
    return render(request, "coalitions/coalition_propose.html", {"form": form})

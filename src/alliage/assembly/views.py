"""The assembly's pages: the members' page (quorum, rights, proxies, ballots, results), the
chair's console, the motions, the settings and the minutes. Thin: selectors read, services
decide and write."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.actors.selectors import person_for_user
from alliage.agenda import selectors as agenda_selectors
from alliage.core.errors import BusinessError
from alliage.core.http import (
    access_or_404,
    csv_cell,
    csv_response,
    form_add_business_error,
    pk_from,
    require_perm,
    service_then_redirect,
    small_pk,
)
from alliage.core.services import audit_record

from . import selectors, services
from .audit import AuditAction
from .forms import AssemblySettingsForm, CheckInForm, MotionForm, ProxyForm
from .models import Assembly, Motion, MotionKind, MotionStatus, Proxy, Voter


def _assembly(request: HttpRequest, slug: str, perm: str = "assembly.see_assembly") -> Assembly:
    return access_or_404(request, selectors.assembly_detail, perm, slug=slug)


def _voter(assembly: Assembly, pk: Any) -> Voter:
    voter = assembly.voters.filter(pk=pk_from(pk)).select_related("assembly__event").first()
    if voter is None:
        raise Http404
    return voter


def _motion(assembly: Assembly, pk: int) -> Motion:
    """One motion of this assembly, by the URL's number; 404 for one of another assembly."""
    motion = assembly.motions.filter(pk=small_pk(pk)).first()
    if motion is None:
        raise Http404
    return motion


def _lines(voters: list[Voter]) -> Any:
    return Voter.objects.filter(pk__in=[v.pk for v in voters]).order_by("name")


def _motions(assembly: Assembly) -> list[Motion]:
    motions = list(selectors.motions_of(assembly))
    for motion in motions:
        motion.result = selectors.motion_result(motion)
    return motions


@require_GET
def assembly_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The members' page: the rules, the live quorum, my votes and proxies, the motions."""
    assembly = _assembly(request, slug)
    user = request.user
    person = person_for_user(user=user)
    mine = selectors.voters_of(assembly=assembly, person=person)
    rights = selectors.rights_of(voters=mine)
    motions = _motions(assembly)
    started = selectors.voting_started(assembly)
    see_roll = user.has_perm("assembly.see_roll", assembly)
    proxy_form = None
    givers = [v for v in mine if not v.is_present and not v.proxy_given and not v.proxies_held_now]
    if givers and not started:
        holders = assembly.voters.exclude(pk__in=[v.pk for v in mine]).filter(person__isnull=False)
        proxy_form = ProxyForm(givers=_lines(givers), holders=holders.order_by("name"))
    for motion in motions:
        if motion.status == MotionStatus.OPEN:
            used = selectors.cast_by_person(motion=motion, person=person)
            motion.my_rights = [r for r in rights if r.voter.pk not in used]
            motion.my_cast = len(used)
    context = {
        "assembly": assembly,
        "event": assembly.event,
        "quorum": selectors.quorum(assembly),
        "mine": mine,
        "rights": rights,
        "motions": motions,
        "started": started,
        "roll": list(selectors.roll(assembly)) if see_roll else None,
        "proxy_form": proxy_form,
        "checkin_form": CheckInForm(),
        "checkin_open": selectors.checkin_open(assembly),
        "can_run": user.has_perm("assembly.run_assembly", assembly),
        "election": MotionKind.ELECTION,
    }
    return render(request, "assembly/detail.html", context)


@require_GET
def assembly_quorum(request: HttpRequest, slug: str) -> HttpResponse:
    """The quorum alone, which the pages ask for again every few seconds."""
    assembly = _assembly(request, slug)
    return render(
        request,
        "assembly/_quorum.html",
        {"assembly": assembly, "quorum": selectors.quorum(assembly)},
    )


def _back(request: HttpRequest, assembly: Assembly) -> str:
    """Back to the chair's console when the chair acted from it, else to the members' page."""
    if request.POST.get("next") == "chair" and request.user.has_perm(
        "assembly.run_assembly", assembly
    ):
        return reverse("assembly:chair", args=[assembly.slug])
    return assembly.get_absolute_url()


@require_POST
@login_required
def voter_check_in(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assembly = _assembly(request, slug)
    voter = _voter(assembly, pk)
    form = CheckInForm(request.POST)
    mode = form.cleaned_data["mode"] if form.is_valid() else ""
    return service_then_redirect(
        request,
        lambda: services.check_in(voter=voter, by=request.user, mode=mode),
        to=_back(request, assembly),
        success=lambda v: _("%(name)s is checked in.") % {"name": v.name},
    )


@require_POST
@login_required
def voter_check_out(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assembly = _assembly(request, slug)
    voter = _voter(assembly, pk)
    return service_then_redirect(
        request,
        lambda: services.check_out(voter=voter, by=request.user),
        to=_back(request, assembly),
        success=lambda v: _("%(name)s has left the assembly.") % {"name": v.name},
    )


@require_POST
def voter_designate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assembly = _assembly(request, slug)
    if denied := require_perm(request, "assembly.run_assembly", assembly):
        return denied
    voter = _voter(assembly, pk)
    person = selectors.designable(voter=voter, pk=pk_from(request.POST.get("person")))
    to = reverse("assembly:chair", args=[slug])
    if person is None:
        messages.error(request, _("Choose one of the organisation's people."))
        return redirect(to)
    return service_then_redirect(
        request,
        lambda: services.voter_designate(voter=voter, person=person, by=request.user),
        to=to,
        success=lambda v: (
            _("%(person)s votes for %(name)s.") % {"person": v.person.full_name, "name": v.name}
        ),
    )


@require_POST
@login_required
def proxy_give(request: HttpRequest, slug: str) -> HttpResponse:
    assembly = _assembly(request, slug)
    giver = _voter(assembly, request.POST.get("giver"))
    holder = _voter(assembly, request.POST.get("holder"))
    return service_then_redirect(
        request,
        lambda: services.proxy_give(giver=giver, holder=holder, by=request.user),
        to=_back(request, assembly),
        success=lambda p: _("Proxy given to %(holder)s.") % {"holder": p.holder.name},
    )


@require_POST
@login_required
def proxy_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assembly = _assembly(request, slug)
    proxy = Proxy.objects.filter(assembly=assembly, pk=small_pk(pk)).first()
    if proxy is None:
        raise Http404
    return service_then_redirect(
        request,
        lambda: services.proxy_revoke(proxy=proxy, by=request.user),
        to=_back(request, assembly),
        success=_("Proxy revoked: the vote is yours again."),
    )


@require_POST
@login_required
def ballot_cast(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assembly = _assembly(request, slug)
    motion = _motion(assembly, pk)
    voter = _voter(assembly, request.POST.get("voter"))
    choices = [pk_from(c) for c in request.POST.getlist("choice")]
    return service_then_redirect(
        request,
        lambda: services.ballot_cast(motion=motion, voter=voter, by=request.user, choices=choices),
        to=assembly.get_absolute_url() + f"#motion-{motion.pk}",
        success=_("Your vote for %(name)s is recorded.") % {"name": voter.name},
    )


# --- The chair ---------------------------------------------------------------------------


@require_GET
def assembly_chair(request: HttpRequest, slug: str) -> HttpResponse:
    """The chair's console: freeze the roll, check members in, designate voters, open and
    close the ballots."""
    assembly = _assembly(request, slug)
    if denied := require_perm(request, "assembly.run_assembly", assembly):
        return denied
    roll = list(selectors.roll(assembly))
    people = selectors.people_of(voters=roll)
    for voter in roll:
        voter.people = people.get(voter.organisation_id, [])
    started = selectors.voting_started(assembly)
    givers = [v for v in roll if not v.is_present and not v.proxy_given and not v.proxies_held_now]
    context = {
        "assembly": assembly,
        "event": assembly.event,
        "quorum": selectors.quorum(assembly),
        "roll": roll,
        "motions": _motions(assembly),
        "started": started,
        "checkin_open": selectors.checkin_open(assembly),
        "checkin_form": CheckInForm(),
        "proxy_form": ProxyForm(
            givers=_lines(givers),
            holders=assembly.voters.filter(person__isnull=False).order_by("name"),
        )
        if givers and not started
        else None,
    }
    return render(request, "assembly/chair.html", context)


@require_POST
def roll_freeze(request: HttpRequest, slug: str) -> HttpResponse:
    assembly = _assembly(request, slug)
    if denied := require_perm(request, "assembly.run_assembly", assembly):
        return denied
    return service_then_redirect(
        request,
        lambda: services.roll_freeze(assembly=assembly, by=request.user),
        to=reverse("assembly:chair", args=[slug]),
        success=lambda n: _("The roll is frozen: %(count)s voters.") % {"count": n},
    )


@require_http_methods(["GET", "POST"])
def motion_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    assembly = _assembly(request, slug)
    if denied := require_perm(request, "assembly.run_assembly", assembly):
        return denied
    motion = None
    initial = None
    if pk is not None:
        motion = _motion(assembly, pk)
        initial = {
            "title": motion.title, "text": motion.text, "documents": motion.documents,
            "kind": motion.kind, "majority": motion.majority, "secret": motion.secret,
            "seats": motion.seats, "language": motion.language,
            "options": "\n".join(o.label for o in motion.options.exclude(meaning="abstain")
                                 if motion.kind != MotionKind.RESOLUTION),
        }  # fmt: skip
    form = MotionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.motion_save(
                assembly=assembly,
                by=request.user,
                motion=motion,
                title=data["title"],
                text=data["text"],
                documents=data["documents"],
                kind=data["kind"],
                majority=data["majority"],
                secret=data["secret"],
                seats=data["seats"],
                options=form.option_lines(),
                language=data["language"],
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("Motion saved."))
            return redirect("assembly:chair", slug)
    return render(
        request, "assembly/motion_form.html", {"assembly": assembly, "form": form, "motion": motion}
    )


def _motion_action(
    request: HttpRequest, slug: str, pk: int, action: Any, done: str
) -> HttpResponse:
    assembly = _assembly(request, slug)
    if denied := require_perm(request, "assembly.run_assembly", assembly):
        return denied
    motion = _motion(assembly, pk)
    return service_then_redirect(
        request,
        lambda: action(motion=motion, by=request.user),
        to=reverse("assembly:chair", args=[slug]) + f"#motion-{motion.pk}",
        success=done % {"title": motion.title},
    )


@require_POST
def motion_open(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _motion_action(
        request, slug, pk, services.motion_open, _("The ballot on “%(title)s” is open.")
    )


@require_POST
def motion_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _motion_action(
        request, slug, pk, services.motion_close, _("The ballot on “%(title)s” is closed.")
    )


@require_http_methods(["GET", "POST"])
def assembly_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """Make an event an assembly, or change its rules (the event's team)."""
    event = access_or_404(request, agenda_selectors.event_detail, "agenda.see_event", slug=slug)
    if denied := require_perm(request, "agenda.manage_event", event):
        return denied
    assembly = Assembly.objects.filter(event=event).first()
    initial = None if assembly else {"cutoff_on": event.starts_at.date()}
    form = AssemblySettingsForm(request.POST or None, instance=assembly, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assembly = services.assembly_save(
                event=event, by=request.user, **{k: form.cleaned_data[k] for k in services.SETTINGS}
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("Assembly settings saved."))
            return redirect("assembly:chair", slug)
    return render(
        request, "assembly/settings_form.html", {"event": event, "form": form, "assembly": assembly}
    )


# --- The minutes -------------------------------------------------------------------------


def _minutes_context(assembly: Assembly) -> dict[str, Any]:
    motions = _motions(assembly)
    open_votes: dict[int, list[Any]] = {}
    for motion in motions:
        if not motion.secret and motion.status == MotionStatus.CLOSED:
            open_votes[motion.pk] = list(
                motion.open_votes.select_related("voter", "option").order_by(
                    "voter__name", "option__position"
                )
            )
        motion.votes = open_votes.get(motion.pk, [])
    return {
        "assembly": assembly,
        "event": assembly.event,
        "roll": list(selectors.roll(assembly)),
        "quorum": selectors.quorum(assembly),
        "motions": motions,
    }


@require_GET
def assembly_minutes(request: HttpRequest, slug: str) -> HttpResponse:
    """The procès-verbal, to print: the roll, attendance, proxies, the quorum at each vote,
    each motion and its result (and, for an open ballot, each vote)."""
    assembly = _assembly(request, slug, "assembly.see_roll")
    return render(request, "assembly/minutes.html", _minutes_context(assembly))


@require_GET
def assembly_minutes_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The minutes as CSV: one row per line of the roll, then one per motion and option."""
    assembly = _assembly(request, slug, "assembly.see_roll")
    context = _minutes_context(assembly)
    audit_record(action=AuditAction.MINUTES_EXPORTED, by=request.user, target=assembly)
    response = csv_response(f"minutes-{assembly.slug}.csv")
    writer = csv.writer(response)
    writer.writerow([_("Section"), _("Member or motion"), _("Votes"), _("Attendance or option"),
                     _("Proxy held by or result"), _("Ballots")])  # fmt: skip
    for v in context["roll"]:
        holder = v.proxy_given[0].holder.name if v.proxy_given else ""
        writer.writerow(
            [
                _("Roll"),
                csv_cell(v.name),
                v.weight,
                v.get_attendance_display(),
                csv_cell(holder),
                "",
            ]
        )
    for m in context["motions"]:
        writer.writerow([_("Motion"), csv_cell(m.title), m.cast_weight, m.get_majority_display(),
                         _result_words(m), m.cast_count])  # fmt: skip
        for c in m.result.counts if m.result else ():
            chosen = _("chosen") if c.key in m.result.winners else ""
            writer.writerow(
                [_("Option"), csv_cell(m.title), c.weight, csv_cell(c.label), chosen, c.ballots]
            )
    return response


def _result_words(motion: Motion) -> str:
    result = motion.result
    if result is None:
        return str(motion.get_status_display())
    if result.adopted is not None:
        return _("Adopted") if result.adopted else _("Rejected")
    if result.tie:
        return _("Tie: no decision")
    return _("Chosen") if result.winners else _("No majority")

"""Directory, profiles and sign-up: parse, access, one selector or service call, render."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.core.dates import format_date
from alliage.core.errors import BusinessError
from alliage.core.hooks import ACTOR_SECTIONS, sections
from alliage.core.http import (
    access_or_404,
    csv_cell,
    csv_response,
    form_add_business_error,
    paginate,
    render_list,
    require_perm,
    service_then_redirect,
)
from alliage.core.pagination import paginate_deep

from . import selectors, services
from .forms import (
    ContactForm,
    DirectoryFilterForm,
    JoinOrganisationForm,
    MembershipFilterForm,
    MembershipForm,
    MergeForm,
    OrganisationForm,
    OwnOrganisationForm,
    PaymentForm,
    ProfileForm,
    TeamPersonForm,
    TeamSearchForm,
    TierForm,
)
from .models import Membership, PaymentMethod, Person


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    tab = "people" if request.GET.get("tab") == "people" else "organisations"
    form = DirectoryFilterForm(request.GET or None, tab=tab)
    filters = form.filters()
    if tab == "people":
        queryset = selectors.person_list(q=filters.get("q", ""), viewer=request.user)
    else:
        queryset = selectors.organisation_list(**filters)
    page = paginate_deep(request, queryset, 24)
    if tab == "people":
        selectors.attach_shown_fields(page.object_list, viewer=request.user)
    return render_list(request, "actors/directory.html", {"form": form, "page": page, "tab": tab})


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access_or_404(
        request,
        selectors.organisation_detail,
        "actors.see_organisation",
        slug=slug,
        viewer=request.user,
    )
    return render(
        request,
        "actors/organisation_detail.html",
        {
            "organisation": organisation,
            "sections": sections(ACTOR_SECTIONS, request, organisation),
            "join": selectors.organisation_join_state(
                organisation=organisation, viewer=request.user
            ),
            "join_form": JoinOrganisationForm(),
        },
    )


def _person(request: HttpRequest, pk: int) -> Person:
    return access_or_404(
        request, selectors.person_detail, "actors.see_person", pk=pk, viewer=request.user
    )


@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return render(
        request,
        "actors/person_detail.html",
        {
            "person": person,
            "is_me": person.user_id == request.user.pk,
            "can_contact": request.user.has_perm("actors.contact_person", person),
            "my_requests": selectors.affiliation_requests_of_person(person=person)
            if person.user_id == request.user.pk
            else [],
            "sections": sections(ACTOR_SECTIONS, request, person),
        },
    )


@require_http_methods(["GET", "POST"])
def person_contact(request: HttpRequest, pk: int) -> HttpResponse:
    """Write to a person who agreed to be contacted; their address stays hidden."""
    person = _person(request, pk)
    if not person.is_contactable or person.user_id == request.user.pk:
        raise Http404
    if denied := require_perm(request, "actors.contact_person", person):
        return denied
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_send(
                recipient=person, by=request.user, message=form.cleaned_data["message"]
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(
                request,
                _("Your message is on its way to %(name)s. Their reply will come to your inbox.")
                % {"name": person.full_name},
            )
            return redirect(person)
    return render(request, "actors/person_contact.html", {"person": person, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        person = services.person_ensure(user=request.user)
    else:  # showing the form writes nothing: a person without a row yet sees their defaults
        person = selectors.person_for_user_or_draft(user=request.user)
    initial = {"tags": ", ".join(t.name for t in person.tags.all())} if person.pk else {}
    form = ProfileForm(request.POST or None, instance=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ProfileForm.Meta.fields}
        services.person_update(
            # validating the form changed ``person``: the service starts from the stored row
            person=Person.objects.get(pk=person.pk),
            by=request.user,
            tags=form.tag_names(),
            **fields,
        )
        messages.success(request, _("Your profile has been saved."))
        return redirect(person)
    return render(
        request,
        "actors/profile_edit.html",
        {"form": form, "person": person, "consents_url": reverse("selfdata:consents")},
    )


# --- The team's back-office (/team/actors/) ----------------------------------------------


def _team_gate(request: HttpRequest) -> HttpResponse | None:
    return require_perm(request, "actors.manage_actors")


@require_GET
def team_actors(request: HttpRequest) -> HttpResponse:
    """Every organisation and person, listed or not, to create, edit and merge."""
    if denied := _team_gate(request):
        return denied
    tab = "people" if request.GET.get("tab") == "people" else "organisations"
    form = TeamSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    if tab == "people":
        queryset = selectors.team_person_list(q=q)
    else:
        queryset = selectors.team_organisation_list(q=q)
    page = paginate(request, queryset, 50)
    return render_list(
        request, "actors/team/actors.html", {"form": form, "page": page, "tab": tab, "q": q}
    )


@require_http_methods(["GET", "POST"])
def team_organisation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if denied := _team_gate(request):
        return denied
    organisation = (
        access_or_404(request, selectors.organisation_for_team, "actors.manage_actors", pk=pk)
        if pk is not None
        else None
    )
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            if organisation is None:
                organisation = services.organisation_create(
                    by=request.user, **form.data_for_service()
                )
                messages.success(request, _("Organisation created."))
            else:
                services.organisation_update(
                    organisation=organisation, by=request.user, **form.data_for_service()
                )
                messages.success(request, _("Organisation saved."))
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            return redirect("team:actors:actor-list")
    return render(
        request,
        "actors/team/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@require_http_methods(["GET", "POST"])
def team_person_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if denied := _team_gate(request):
        return denied
    person = (
        access_or_404(request, selectors.person_for_team, "actors.manage_actors", pk=pk)
        if pk is not None
        else None
    )
    initial = {"first_name": person.first_name, "last_name": person.last_name} if person else None
    form = TeamPersonForm(request.POST or None, initial=initial, editing=person is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if person is None:
                services.person_create(by=request.user, **data)
                messages.success(request, _("Person created."))
            else:
                services.person_update_by_team(person=person, by=request.user, **data)
                messages.success(request, _("Person saved."))
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            return redirect(reverse("team:actors:actor-list") + "?tab=people")
    return render(request, "actors/team/person_form.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
def team_merge(request: HttpRequest, kind: str) -> HttpResponse:
    """Merge two duplicates: choose them, see what will move, confirm."""
    if denied := _team_gate(request):
        return denied
    if kind not in ("organisations", "people"):
        raise Http404
    data = (
        request.POST
        if request.method == "POST"
        else (request.GET if "keep" in request.GET else None)
    )
    form = MergeForm(data, kind=kind)
    preview = None
    if form.is_valid():
        keep, drop = form.cleaned_data["keep"], form.cleaned_data["drop"]
        if request.method == "POST" and request.POST.get("confirm") == "1":
            return service_then_redirect(
                request,
                lambda: services.actors_merge(keep=keep, drop=drop, by=request.user),
                to=reverse("team:actors:actor-list") + ("?tab=people" if kind == "people" else ""),
                success=lambda summary: (
                    _("Merged: %(moved)s rows moved, %(dropped)s duplicates dropped.") % summary
                ),
            )
        preview = selectors.merge_preview(keep=keep, drop=drop)
    return render(
        request,
        "actors/team/merge.html",
        {"form": form, "kind": kind, "preview": preview},
    )


@require_GET
def team_memberships(request: HttpRequest) -> HttpResponse:
    if denied := _team_gate(request):
        return denied
    form = MembershipFilterForm(request.GET or None)
    page = paginate(request, selectors.membership_list(**form.filters()), 50)
    return render_list(
        request,
        "actors/team/memberships.html",
        {"form": form, "page": page, "query": request.GET.urlencode()},
    )


@require_GET
def team_memberships_csv(request: HttpRequest) -> HttpResponse:
    """The memberships of the current filter, as CSV (cells safe from formula injection)."""
    if denied := _team_gate(request):
        return denied
    form = MembershipFilterForm(request.GET or None)
    response = csv_response("memberships.csv")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Organisation"),
            _("Person"),
            _("E-mail address"),
            _("Tier"),
            _("Starts on"),
            _("Ends on"),
            _("Status"),
            _("Amount due (€)"),
            _("Amount paid (€)"),
            _("Votes through"),
        ]
    )
    for m in selectors.membership_list(**form.filters()).iterator():
        writer.writerow(
            [
                csv_cell(m.organisation.name if m.organisation else ""),
                csv_cell(m.person.full_name if m.person else ""),
                csv_cell(m.person.user.email if m.person else ""),
                csv_cell(m.tier.name),
                m.starts_on.isoformat(),
                m.ends_on.isoformat(),
                m.get_status_display(),
                f"{m.amount_due:.2f}",
                f"{m.amount_paid:.2f}",
                csv_cell(m.representative.full_name if m.representative else ""),
            ]
        )
    return response


def _membership_initial(membership: Membership) -> dict[str, Any]:
    return {
        "organisation": membership.organisation,
        "person_email": membership.person.user.email if membership.person else "",
        "tier": membership.tier,
        "starts_on": membership.starts_on,
        "ends_on": membership.ends_on,
        "amount_due": membership.amount_due,
        "representative": membership.representative,
    }


def _membership_page(
    request: HttpRequest,
    membership: Membership | None,
    *,
    form: MembershipForm | None = None,
    payment_form: PaymentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The membership's form and, for one already saved, its payments and the form to record
    one (each form keeps what was typed when the other is posted)."""
    if form is None:
        form = MembershipForm(
            initial=_membership_initial(membership) if membership is not None else None,
            holder=membership.holder if membership is not None else None,
        )
    context: dict[str, Any] = {"form": form, "membership": membership}
    if membership is not None:
        remaining = membership.balance
        if payment_form is None:
            payment_form = PaymentForm(
                initial={
                    "paid_on": timezone.localdate(),
                    "amount": remaining or None,
                    "method": PaymentMethod.TRANSFER,
                }
            )
        context.update(
            payments=selectors.membership_payments(membership=membership),
            payment_form=payment_form,
            remaining=remaining,
            overpaid=max(membership.amount_paid - membership.amount_due, Decimal(0)),
        )
    return render(request, "actors/team/membership_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def team_membership_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if denied := _team_gate(request):
        return denied
    membership = (
        access_or_404(request, selectors.membership_for_team, "actors.manage_actors", pk=pk)
        if pk is not None
        else None
    )
    if request.method != "POST":
        return _membership_page(request, membership)
    form = MembershipForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_save(
                by=request.user,
                membership=membership,
                organisation=data["organisation"],
                person=data["person"],
                tier=data["tier"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                amount_due=data.get("amount_due"),
                representative=data.get("representative"),
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("Membership saved."))
            return redirect("team:actors:membership-list")
    return _membership_page(request, membership, form=form)


@require_POST
def team_payment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a payment of the membership; a refusal shows the page again, nothing written."""
    if denied := _team_gate(request):
        return denied
    membership = access_or_404(
        request, selectors.membership_for_team, "actors.manage_actors", pk=pk
    )
    payment_form = PaymentForm(request.POST)
    if payment_form.is_valid():
        data = payment_form.cleaned_data
        try:
            services.payment_record(membership=membership, by=request.user, **data)
        except BusinessError as error:
            form_add_business_error(payment_form, error)
        else:
            messages.success(
                request,
                _("Payment of %(amount)s € recorded.")
                % {"amount": number_format(data["amount"], 2, force_grouping=True)},
            )
            return redirect("team:actors:membership-edit", pk=membership.pk)
    return _membership_page(request, membership, payment_form=payment_form)


@require_POST
def team_payment_remove(request: HttpRequest, pk: int, payment_pk: int) -> HttpResponse:
    """Remove a payment recorded by mistake; one of another membership is not found here."""
    if denied := _team_gate(request):
        return denied
    payment = access_or_404(
        request,
        selectors.payment_for_team,
        "actors.manage_actors",
        membership_pk=pk,
        pk=payment_pk,
    )
    return service_then_redirect(
        request,
        lambda: services.payment_remove(payment=payment, by=request.user),
        to=reverse("team:actors:membership-edit", args=[payment.membership_id]),
        success=_("Payment removed."),
    )


# --- Membership tiers (formules), for the team -------------------------------------------


@require_GET
def team_tiers(request: HttpRequest) -> HttpResponse:
    """Every tier, open or closed, with how many memberships use it."""
    if denied := _team_gate(request):
        return denied
    return render(request, "actors/team/tiers.html", {"tiers": selectors.tier_list_for_team()})


@require_http_methods(["GET", "POST"])
def team_tier_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Create a tier, or change one (its code stays as it was chosen)."""
    if denied := _team_gate(request):
        return denied
    tier = (
        access_or_404(request, selectors.tier_for_team, "actors.manage_actors", code=code)
        if code is not None
        else None
    )
    form = TierForm(request.POST or None, instance=tier)
    if request.method == "POST" and form.is_valid():
        try:
            if tier is None:
                services.tier_save(
                    by=request.user, code=form.cleaned_data["code"], **form.data_for_service()
                )
                messages.success(request, _("Tier created."))
            else:
                services.tier_save(by=request.user, tier=tier, **form.data_for_service())
                messages.success(request, _("Tier saved."))
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            return redirect("team:actors:tier-list")
    return render(request, "actors/team/tier_form.html", {"form": form, "tier": tier})


@require_POST
def team_tier_delete(request: HttpRequest, code: str) -> HttpResponse:
    """Delete a tier no membership uses; one in use is refused with a message."""
    if denied := _team_gate(request):
        return denied
    tier = access_or_404(request, selectors.tier_for_team, "actors.manage_actors", code=code)
    return service_then_redirect(
        request,
        lambda: services.tier_delete(tier=tier, by=request.user),
        to="team:actors:tier-list",
        success=_("Tier deleted."),
    )


@require_POST
def team_membership_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept (``accept=1``) or decline an application waiting for the team."""
    if denied := _team_gate(request):
        return denied
    membership = access_or_404(
        request, selectors.membership_for_team, "actors.manage_actors", pk=pk
    )
    accept = request.POST.get("accept") == "1"
    return service_then_redirect(
        request,
        lambda: services.membership_decide(membership=membership, accept=accept, by=request.user),
        to=reverse("team:actors:membership-list") + "?status=applied",
        success=_("Application accepted.") if accept else _("Application declined."),
    )


@require_POST
def team_membership_renew(request: HttpRequest, pk: int) -> HttpResponse:
    if denied := _team_gate(request):
        return denied
    membership = access_or_404(
        request, selectors.membership_for_team, "actors.manage_actors", pk=pk
    )
    return service_then_redirect(
        request,
        lambda: services.membership_renew(membership=membership, by=request.user),
        to=reverse("team:actors:membership-list") + "?period=due",
        success=lambda renewed: (
            _("Membership renewed until %(date)s.") % {"date": format_date(renewed.ends_on)}
        ),
    )


# --- A person's own organisation -------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create_own(request: HttpRequest) -> HttpResponse:
    """A signed-in person creates their organisation and is affiliated to it at once."""
    form = OwnOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                by=request.user,
                affiliate=True,
                role=form.cleaned_data["role"],
                **form.data_for_service(),
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is created, and you are one of its people: "
                    "you may now act on its behalf."
                )
                % {"name": organisation.name},
            )
            return redirect(organisation)
    return render(request, "actors/organisation_create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit_own(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's people keep its card up to date."""
    organisation = access_or_404(
        request, selectors.organisation_listed, "actors.edit_organisation", slug=slug
    )
    form = OrganisationForm(request.POST or None, instance=organisation, team=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=selectors.organisation_listed(slug=slug),
                by=request.user,
                **form.data_for_service(),
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("Organisation saved."))
            return redirect("actors:organisation-detail", slug=slug)
    return render(
        request, "actors/organisation_edit.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_POST
def organisation_join(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask to join an organisation of the directory."""
    organisation = access_or_404(
        request, selectors.organisation_listed, "actors.see_organisation", slug=slug
    )
    form = JoinOrganisationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write 1000 characters at most."))
        return redirect(organisation)
    return service_then_redirect(
        request,
        lambda: services.affiliation_request_create(
            organisation=organisation, by=request.user, **form.cleaned_data
        ),
        to=organisation,
        success=_("Your request is sent: its people or the programme team will answer it."),
    )


@login_required
@require_POST
def affiliation_request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or decline a request to join; back to where the answer was given."""
    join_request = access_or_404(
        request,
        selectors.affiliation_request_detail,
        "actors.see_affiliation_request",
        pk=pk,
    )
    if denied := require_perm(request, "actors.answer_affiliation_request", join_request):
        return denied
    accept = request.POST.get("decision") == "accept"
    back = (
        reverse("team:actors:request-list")
        if request.POST.get("from") == "team"
        else join_request.organisation.get_absolute_url()
    )
    name = join_request.person.full_name
    return service_then_redirect(
        request,
        lambda: services.affiliation_request_answer(
            request=join_request, by=request.user, accept=accept
        ),
        to=back,
        success=(_("%(name)s has joined.") if accept else _("Request of %(name)s declined."))
        % {"name": name},
    )


@require_GET
def team_requests(request: HttpRequest) -> HttpResponse:
    """Requests to join an organisation that wait for an answer."""
    if denied := _team_gate(request):
        return denied
    page = paginate(request, selectors.affiliation_requests_waiting_for_team(), 50)
    return render(request, "actors/team/requests.html", {"page": page})

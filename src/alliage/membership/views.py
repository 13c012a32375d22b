"""The membership pages: the open tiers and the application form; for the holder's people,
withdrawing, renewing in one click, designating who votes, and the receipt."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.actors.selectors import person_for_user
from alliage.core.errors import BusinessError
from alliage.core.http import (
    access_or_404,
    canonical_url,
    form_add_business_error,
    never_stored,
    service_then_redirect,
)
from alliage.legal.selectors import publisher

from . import selectors, services
from .forms import ApplyForm, RepresentativeForm

MY_MEMBERSHIP = "myspace:home"


@require_http_methods(["GET", "POST"])
def membership_page(request: HttpRequest) -> HttpResponse:
    """Public: what each open tier costs and includes; signed in, apply for one."""
    person = None
    if request.user.is_authenticated:
        person = person_for_user(user=request.user)
    elif request.method == "POST":
        return redirect_to_login(request.get_full_path())
    form = ApplyForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_apply(
                tier=data["tier"],
                by=request.user,
                organisation=data["organisation"],
                starts_on=data["starts_on"],
                message=data["message"],
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("Your application is sent: the team will answer it soon."))
            return redirect("membership:page")
    tiers = selectors.open_tiers()
    pending = selectors.pending_of(person=person) if person is not None else []
    running = (
        selectors.running_of(person=person, today=timezone.localdate())
        if person is not None
        else []
    )
    return render(
        request,
        "membership/page.html",
        {"tiers": tiers, "form": form, "pending": pending, "running": running},
    )


@login_required
@require_POST
def membership_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw one's pending application; 404 to whoever is not of its holder."""
    membership = access_or_404(
        request, selectors.membership_detail, "membership.act_for_membership", pk=pk
    )
    return service_then_redirect(
        request,
        lambda: services.membership_withdraw(membership=membership, by=request.user),
        to=_to_my_membership() if request.POST.get("next") == "me" else "membership:page",
        success=_("Your application is withdrawn."),
    )


def _to_my_membership(_result: object = None) -> str:
    return reverse(MY_MEMBERSHIP) + "#my-membership"


@login_required
@require_POST
def membership_renew(request: HttpRequest, pk: int) -> HttpResponse:
    """Renew in one click: an application the team confirms."""
    membership = access_or_404(
        request, selectors.membership_detail, "membership.act_for_membership", pk=pk
    )
    return service_then_redirect(
        request,
        lambda: services.membership_renew_request(membership=membership, by=request.user),
        to=_to_my_membership,
        success=_("Your renewal is sent: the team will confirm it."),
    )


@login_required
@require_POST
def membership_representative(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's people designate which of them votes in its name."""
    membership = access_or_404(
        request, selectors.membership_detail, "membership.act_for_membership", pk=pk
    )
    form = RepresentativeForm(request.POST, membership=membership)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(_to_my_membership())
    person = form.cleaned_data["representative"]
    return service_then_redirect(
        request,
        lambda: services.membership_representative_set(
            membership=membership, person=person, by=request.user
        ),
        to=_to_my_membership,
        success=(
            _("%(name)s will vote in the name of %(holder)s.")
            % {"name": person.full_name, "holder": membership.holder}
            if person is not None
            else _("Nobody is designated: the assembly's chair will choose.")
        ),
    )


@login_required
@require_GET
@never_stored
def membership_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable receipt of an accepted membership, for its holder's people and the team;
    404 to anyone else."""
    membership = access_or_404(request, selectors.receipt_of, "membership.see_receipt", pk=pk)
    return render(
        request,
        "membership/receipt.html",
        {
            "m": membership,
            "payments": list(membership.payments.all()),
            "issuer": publisher(),
            "today": timezone.localdate(),
            "receipt_url": canonical_url(request),
        },
    )

"""The membership page: the open tiers, and the application form for a signed-in person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from alliage.actors.selectors import person_for_user
from alliage.core.errors import BusinessError
from alliage.core.http import access_or_404, form_add_business_error, service_then_redirect

from . import selectors, services
from .forms import ApplyForm


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
    return render(
        request, "membership/page.html", {"tiers": tiers, "form": form, "pending": pending}
    )


@login_required
@require_POST
def membership_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw one's pending application; 404 to whoever is not of its holder."""
    membership = access_or_404(request, selectors.membership_detail, None, pk=pk)
    if not services.membership_can_act(membership=membership, user=request.user):
        raise Http404
    return service_then_redirect(
        request,
        lambda: services.membership_withdraw(membership=membership, by=request.user),
        to="membership:page",
        success=_("Your application is withdrawn."),
    )

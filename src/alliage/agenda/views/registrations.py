"""A person's own registrations and private calendar address, and the e-mail's cancel link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alliage.actors.selectors import person_for_user
from alliage.actors.services import person_ensure
from alliage.core.errors import BusinessError
from alliage.core.http import service_then_redirect

from .. import selectors, services
from ..models import Registration, RegistrationStatus


@require_http_methods(["GET", "POST"])
def registration_cancel_link(request: HttpRequest, token: str) -> HttpResponse:
    """From the e-mail: one button, so that mail scanners following links cancel nothing."""
    try:
        registration = selectors.registration_by_token(token=token)
    except Registration.DoesNotExist as missing:
        raise Http404 from missing
    done = registration.status == RegistrationStatus.CANCELLED
    if request.method == "POST" and not done:
        # The page itself answers (no redirect): the link may be opened signed out.
        try:
            registration = services.registration_cancel_by_token(token=token)
        except BusinessError as error:
            messages.error(request, error.message)
        else:
            done = True
    return render(
        request,
        "agenda/registration_cancel.html",
        {"registration": registration, "event": registration.event, "done": done},
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_registrations(request: HttpRequest) -> HttpResponse:
    """GET only reads (an account without a person yet sees an empty list); POST makes a new
    calendar address, shown once, or revokes it."""
    new_token = None
    if request.method == "POST":
        person = person_ensure(user=request.user)
        if request.POST.get("action") == "revoke":
            return service_then_redirect(
                request,
                lambda: services.calendar_token_revoke(person=person),
                to="agenda:my-registrations",
                success=_("Your calendar address no longer works."),
            )
        new_token = services.calendar_token_renew(person=person)
    else:
        person = person_for_user(user=request.user)
    return render(
        request,
        "agenda/my_registrations.html",
        {
            **selectors.registrations_by_time(person=person),
            "has_token": selectors.has_calendar_token(person=person),
            "feed_url": (
                request.build_absolute_uri(reverse("agenda:personal-ics", args=[new_token]))
                if new_token
                else None
            ),
        },
    )

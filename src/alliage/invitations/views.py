"""Pages of invitations (the lead's form, the invited person's page behind the e-mailed link,
withdrawing) and of introductions (asking, answering, one's list)."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from alliage.coalitions import selectors as coalition_selectors
from alliage.core import auth as auth_backend
from alliage.core.errors import BusinessError
from alliage.core.http import (
    access_or_404,
    form_add_business_error,
    never_stored,
    paginate,
    require_perm,
    service_then_redirect,
)
from alliage.core.models import User

from . import selectors, services
from .forms import IntroductionForm, InvitationForm, SignupAcceptForm
from .models import Invitation

# The invitations whose link this browser opened: the proof of holding the link, kept in the
# session so that the secret itself never appears in a page, a form or an address.
PROVEN = "invitations.proven"


def _person(request: HttpRequest, pk: int | None) -> Any:
    if not pk:
        return None
    return access_or_404(request, selectors.person_to_invite, "actors.see_person", pk=pk)


def _organisation(request: HttpRequest, pk: int | None) -> Any:
    if not pk:
        return None
    return access_or_404(
        request, selectors.organisation_to_invite, "actors.see_organisation", pk=pk
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@never_stored
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = access_or_404(
        request, coalition_selectors.coalition_detail, "coalitions.see_coalition", slug=slug
    )
    if denied := require_perm(request, "invitations.invite_to_coalition", coalition):
        return denied
    if request.method == "POST":
        form = InvitationForm(request.POST)
    else:
        form = InvitationForm(
            initial={
                "person": _int(request.GET.get("person")),
                "organisation": _int(request.GET.get("organisation")),
            }
        )
    data = form.data if form.is_bound else form.initial
    person = _person(request, _int(str(data.get("person") or "")))
    organisation = (
        None if person else _organisation(request, _int(str(data.get("organisation") or "")))
    )
    if form.is_bound and form.is_valid():
        try:
            sent = services.invitation_create(
                coalition=coalition,
                by=request.user,  # type: ignore[arg-type]
                person=person,
                organisation=organisation,
                email="" if person or organisation else form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                message=form.cleaned_data["message"],
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            messages.success(
                request,
                ngettext("Invitation sent.", "%(count)s invitations sent.", len(sent))
                % {"count": len(sent)},
            )
            return redirect(coalition.get_absolute_url() + "#invitations")
    return render(
        request,
        "invitations/invitation_form.html",
        {"coalition": coalition, "form": form, "person": person, "organisation": organisation},
    )


def _closed(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return never_stored(
        render(request, "invitations/invitation_closed.html", {"message": message}, status=status)
    )


def _proven(request: HttpRequest) -> list[int]:
    return [pk for pk in request.session.get(PROVEN, []) if isinstance(pk, int)]


def _forget_proof(request: HttpRequest, pk: int) -> None:
    request.session[PROVEN] = [p for p in _proven(request) if p != pk]


@require_http_methods(["GET"])
def invitation_link(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link: a valid one is remembered in the session and leads to the
    invitation's page (whose address holds no secret); any other says why, never a 500."""
    try:
        invitation = selectors.invitation_by_token(token=token)
    except ObjectDoesNotExist:
        return _closed(
            request, _("This invitation link is not valid: check that it is complete."), 400
        )
    if (reason := services.invitation_closed_reason(invitation)) is not None:
        return _closed(request, reason, 410)
    proven = _proven(request)
    if invitation.pk not in proven:
        request.session[PROVEN] = [*proven, invitation.pk][-20:]
    return redirect(invitation)


def _has_account(invitation: Invitation) -> bool:
    return (
        invitation.person_id is not None
        or User.objects.filter(email__iexact=invitation.email).exists()
    )


@never_stored
@require_http_methods(["GET", "POST"])
def invitation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The invitation, for the person invited or whoever opened its link: accept (logged in
    as the invited account, or creating the account of an address new to Alliage), or
    decline in one click."""
    invitation = access_or_404(request, selectors.invitation_detail, None, pk=pk)  # type: ignore[arg-type]
    holds_link = invitation.pk in _proven(request)
    is_invited = rules.test_rule("invitations.answer_invitation", request.user, invitation)
    if not (holds_link or is_invited):
        raise Http404
    if (reason := services.invitation_closed_reason(invitation)) is not None:
        return _closed(request, reason, 410)
    signup = None
    needs_signup = not request.user.is_authenticated and not _has_account(invitation)
    if needs_signup:
        signup = SignupAcceptForm(
            request.POST
            if request.method == "POST" and request.POST.get("action") == "accept"
            else None,
            email=invitation.email,
        )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "decline":
                services.invitation_decline(
                    invitation=invitation,
                    by=request.user,
                    holds_link=holds_link,  # type: ignore[arg-type]
                )
                _forget_proof(request, invitation.pk)
                return render(
                    request,
                    "invitations/invitation_answered.html",
                    {"invitation": invitation, "accepted": False},
                )
            if action == "accept" and request.user.is_authenticated:
                services.invitation_accept(invitation=invitation, by=request.user)  # type: ignore[arg-type]
                _forget_proof(request, invitation.pk)
                messages.success(
                    request,
                    _("Welcome: you are now a member of %(coalition)s.")
                    % {"coalition": invitation.coalition.title},
                )
                return redirect(invitation.coalition)
            if action == "accept" and signup is not None and signup.is_valid():
                user = services.invitation_accept_with_signup(
                    invitation=invitation,
                    first_name=signup.cleaned_data["first_name"],
                    last_name=signup.cleaned_data["last_name"],
                    password=signup.cleaned_data["password1"],
                    language=get_language() or "fr",
                )
                login(request, user, backend=auth_backend.PATH)
                messages.success(
                    request,
                    _("Welcome: your account is ready and you are a member of %(coalition)s.")
                    % {"coalition": invitation.coalition.title},
                )
                return redirect(invitation.coalition)
        except BusinessError as error:
            if signup is not None:
                form_add_business_error(signup, error)
            else:
                messages.error(request, error.message)
    context: dict[str, Any] = {
        "invitation": invitation,
        "inviter": selectors.inviter_of(invitation=invitation),
        "is_invited": is_invited,
        "signup": signup,
        "needs_login": not request.user.is_authenticated and not needs_signup,
    }
    return render(request, "invitations/invitation_detail.html", context)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access_or_404(
        request, selectors.invitation_detail, "invitations.revoke_invitation", pk=pk
    )
    return service_then_redirect(
        request,
        lambda: services.invitation_revoke(invitation=invitation, by=request.user),  # type: ignore[arg-type]
        to=invitation.coalition.get_absolute_url() + "#invitations",
        success=_("The invitation is withdrawn: its link no longer works."),
    )


# Introductions --------------------------------------------------------------------------------


@never_stored
@require_http_methods(["GET", "POST"])
def introduction_ask(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "invitations.ask_introduction"):
        return denied
    if request.method == "POST":
        form = IntroductionForm(request.POST)
        if form.is_valid():
            try:
                introduction = services.introduction_ask(
                    by=request.user,  # type: ignore[arg-type]
                    a_person=form.cleaned_data["a_person"],
                    b_person=form.cleaned_data["b_person"],
                    note=form.cleaned_data["note"],
                )
            except BusinessError as error:
                form_add_business_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your request is sent: each of them will accept or decline."),
                )
                return redirect(introduction)
    else:
        form = IntroductionForm(
            initial={"a_person": _int(request.GET.get("a")), "b_person": _int(request.GET.get("b"))}
        )
    return render(request, "invitations/introduction_form.html", {"form": form})


@never_stored
@require_http_methods(["GET", "POST"])
def introduction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    introduction = access_or_404(request, selectors.introduction_detail, None, pk=pk)  # type: ignore[arg-type]
    if not rules.test_rule("invitations.see_introduction", request.user, introduction):
        raise Http404
    can_answer = rules.test_rule("invitations.answer_introduction", request.user, introduction)
    if request.method == "POST":
        if not can_answer:
            raise PermissionDenied
        accept = request.POST.get("decision") == "accept"
        return service_then_redirect(
            request,
            lambda: services.introduction_answer(
                introduction=introduction,
                by=request.user,  # type: ignore[arg-type]
                accept=accept,
            ),
            to=introduction,
            success=_("Your answer is recorded."),
        )
    return render(
        request,
        "invitations/introduction_detail.html",
        {
            "introduction": introduction,
            "side": introduction.side_of(request.user),
            "contact": selectors.introduction_contact(
                introduction=introduction,
                user=request.user,  # type: ignore[arg-type]
            ),
            "can_answer": can_answer,
        },
    )


@never_stored
def introduction_list(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "invitations.ask_introduction"):
        return denied
    page = paginate(request, selectors.introductions_of(user=request.user), 25)  # type: ignore[arg-type]
    rows = [
        (
            i,
            i.side_of(request.user),
            selectors.introduction_contact(introduction=i, user=request.user),  # type: ignore[arg-type]
        )
        for i in page.object_list
    ]
    return render(request, "invitations/introduction_list.html", {"page": page, "rows": rows})

"""Sign-up, log-in and password reset: parse, check the limits, one service call, render.

Every refusal by a limit answers 429 with its reason and a ``Retry-After``; nothing typed but
the passwords is lost."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alliage.core import auth as auth_backend
from alliage.core.client_address import client_address
from alliage.core.http import small_pk
from alliage.core.models import User

from . import limits, services
from .forms import LoginForm, ResetForm, SignupForm
from .tokens import confirmation_tokens


def _refused(response: HttpResponse, refusal: limits.Refusal) -> HttpResponse:
    response.status_code = 429
    response["Retry-After"] = refusal.retry_after
    return response


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        refusal = limits.signup_refusal(address=client_address(request), email=data["email"])
        if refusal is None:
            services.signup_request(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                language=get_language() or settings.LANGUAGE_CODE,
            )
            return redirect("signup-sent")
        form.add_error(None, refusal.message)
        return _refused(render(request, "registration/signup.html", {"form": form}), refusal)
    return render(request, "registration/signup.html", {"form": form})


@require_GET
def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_sent.html")


def _user_for_link(uidb64: str, token: str) -> User | None:
    try:
        pk = small_pk(int(force_str(urlsafe_base64_decode(uidb64))))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=True, email_confirmed=False).first()
    if user is None or not confirmation_tokens.check_token(user, token):
        return None
    return user


@require_http_methods(["GET", "POST"])
def signup_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link e-mailed at sign-up: a button (a page shown on GET never writes, and mail
    scanners follow links) confirms the address and logs in."""
    user = _user_for_link(uidb64, token)
    if user is None:
        return render(request, "accounts/signup_confirm.html", {"validlink": False})
    if request.method == "POST":
        user = services.address_confirm(user=user)
        login(request, user, backend=auth_backend.PATH)
        messages.success(
            request, _("Welcome to Alliage! Tell others what you want to achieve and can bring.")
        )
        return redirect("actors:profile-edit")
    return render(request, "accounts/signup_confirm.html", {"validlink": True})


class LoginView(auth_views.LoginView):
    """Django's log-in, behind the limits of ``accounts.limits`` (checked before the
    password), refused to unconfirmed addresses; a browser that logs in is remembered so that
    the slowing down of its account does not apply to it."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = request.POST.get("username", "")
        refusal = limits.login_refusal(
            address=client_address(request),
            username=username,
            known_cookie=request.COOKIES.get(limits.KNOWN_BROWSER_COOKIE),
        )
        if refusal is None:
            return super().post(request, *args, **kwargs)
        # A refused attempt is a failed log-in for the audit log (and for django-axes).
        user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
        form = self.get_form_class()(request, initial={"username": username[:254]})
        response = self.render_to_response(self.get_context_data(form=form, refusal=refusal))
        return _refused(response, refusal)

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        username = form.data.get("username", "")
        if username and form.data.get("password") and not form.password_was_right:
            limits.login_failed(address=client_address(self.request), username=username)
        return super().form_invalid(form)

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        email = form.get_user().email
        response = super().form_valid(form)
        limits.login_succeeded(username=email)
        response.set_cookie(
            limits.KNOWN_BROWSER_COOKIE,
            limits.known_browser_value(email),
            max_age=365 * limits.DAY,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, limited per client address and per address asked for (counted whether
    or not an account uses it), e-mailed in the account's language."""

    form_class = ResetForm
    # The site's own templates: django.contrib.admin, installed first, has pages of the same
    # names under registration/ that would be found before them.
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.html"
    subject_template_name = "accounts/password_reset_subject.txt"

    def form_valid(self, form: ResetForm) -> HttpResponse:  # type: ignore[override]
        refusal = limits.reset_refusal(
            address=client_address(self.request), email=form.cleaned_data["email"]
        )
        if refusal is None:
            return super().form_valid(form)
        form.add_error(None, refusal.message)
        return _refused(self.render_to_response(self.get_context_data(form=form)), refusal)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password chosen through a link sent to the address also confirms the address."""

    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.address_confirm(user=form.user)
        return response

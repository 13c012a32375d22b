"""The newsletters' pages: the team's (/team/newsletters/: list, write with a preview and a
live count of recipients, test, send) and the public ones (a programme's archive, one issue,
the one-click unsubscribe page, RFC 8058: POST without log-in or CSRF, GET confirms)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.actors.models import OrganisationKind
from alliage.coalitions.selectors import programmes_run_by
from alliage.core.errors import BusinessError
from alliage.core.http import (
    access_or_404,
    form_add_business_error,
    pk_from,
    require_perm,
    service_then_redirect,
)
from alliage.core.markdown import render_markdown
from alliage.core.models import User

from . import selectors, services
from .forms import NewsletterForm
from .models import Newsletter
from .tokens import unsubscribe_read

# The team's pages -----------------------------------------------------------------------------


def _managed(request: HttpRequest, pk: int) -> Newsletter:
    return access_or_404(request, selectors.newsletter_get, "newsletters.manage_newsletter", pk=pk)


def _count_of(form: NewsletterForm, newsletter: Newsletter | None) -> int | None:
    """The audience the form's choices give, before saving; None while they are not valid."""
    if not form.is_bound:
        return (
            None
            if newsletter is None
            else selectors.newsletter_audience(newsletter=newsletter).count()
        )
    data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    programme = data.get("programme") or (newsletter.programme if newsletter else None)
    if programme is None:
        return None
    return selectors.audience(
        programme=programme,
        followers_only=bool(data.get("followers_only")),
        adherents_only=bool(data.get("adherents_only")),
        organisation_kinds=data.get("organisation_kinds") or (),
    ).count()


def _form_page(
    request: HttpRequest, form: NewsletterForm, newsletter: Newsletter | None
) -> HttpResponse:
    preview = None
    if form.is_bound and hasattr(form, "cleaned_data"):
        preview = render_markdown(form.cleaned_data.get("body") or "")
    elif newsletter is not None:
        preview = render_markdown(newsletter.body)
    return render(
        request,
        "newsletters/team/newsletter_form.html",
        {
            "form": form,
            "newsletter": newsletter,
            "preview": preview,
            "count": _count_of(form, newsletter),
        },
    )


@require_GET
def newsletter_list(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    newsletters = list(selectors.newsletters_for_team(user=request.user)[:200])
    return render(request, "newsletters/team/newsletter_list.html", {"newsletters": newsletters})


@require_http_methods(["GET", "POST"])
def newsletter_create(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    programmes = programmes_run_by(user=request.user).order_by("name")
    form = NewsletterForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid() and "preview" not in request.POST:
        try:
            newsletter = services.newsletter_create(by=request.user, **form.fields_for_service())
        except (BusinessError, ValidationError) as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("The newsletter is saved as a draft."))
            return redirect("team:newsletters:newsletter-edit", pk=newsletter.pk)
    return _form_page(request, form, None)


@require_http_methods(["GET", "POST"])
def newsletter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    newsletter = _managed(request, pk)
    if not newsletter.is_draft:
        return render(
            request,
            "newsletters/team/newsletter_sent.html",
            {"newsletter": newsletter, "body_html": render_markdown(newsletter.body)},
        )
    form = NewsletterForm(request.POST or None, instance=newsletter)
    if request.method == "POST" and form.is_valid() and "preview" not in request.POST:
        try:
            services.newsletter_update(
                by=request.user, newsletter=newsletter, **form.fields_for_service()
            )
        except (BusinessError, ValidationError) as error:
            form_add_business_error(form, error)
        else:
            messages.success(request, _("The newsletter is saved."))
            return redirect("team:newsletters:newsletter-edit", pk=newsletter.pk)
    return _form_page(request, form, newsletter)


@require_GET
def audience_count(request: HttpRequest) -> HttpResponse:
    """The live count of recipients for the audience chosen in the form (an htmx partial)."""
    if denied := require_perm(request, "team.access_area"):
        return denied
    programmes = programmes_run_by(user=request.user)
    programme = programmes.filter(pk=pk_from(request.GET.get("programme"))).first()
    kinds = [k for k in request.GET.getlist("organisation_kinds") if k in OrganisationKind.values]
    count = None
    if programme is not None:
        count = selectors.audience(
            programme=programme,
            followers_only=request.GET.get("followers_only") == "on",
            adherents_only=request.GET.get("adherents_only") == "on",
            organisation_kinds=kinds,
        ).count()
    return render(request, "newsletters/team/_count.html", {"count": count})


@require_POST
def newsletter_test(request: HttpRequest, pk: int) -> HttpResponse:
    newsletter = _managed(request, pk)
    return service_then_redirect(
        request,
        lambda: services.newsletter_test_send(by=request.user, newsletter=newsletter),
        to=newsletter_edit_url(newsletter),
        success=_("A test copy is on its way to %(email)s.") % {"email": request.user.email},
    )


def newsletter_edit_url(newsletter: Newsletter) -> str:
    return reverse("team:newsletters:newsletter-edit", kwargs={"pk": newsletter.pk})


@require_http_methods(["GET", "POST"])
def newsletter_send(request: HttpRequest, pk: int) -> HttpResponse:
    newsletter = _managed(request, pk)
    if not newsletter.is_draft:
        messages.info(request, _("This newsletter is already sent."))
        return redirect(newsletter_edit_url(newsletter))
    if request.method == "POST":
        return service_then_redirect(
            request,
            lambda: services.newsletter_send(by=request.user, newsletter=newsletter),
            to=newsletter_edit_url(newsletter),
            success=lambda count: (
                ngettext(
                    "The newsletter is being sent to %(count)s person.",
                    "The newsletter is being sent to %(count)s people.",
                    count,
                )
                % {"count": count}
            ),
        )
    if denied := require_perm(request, "newsletters.send_newsletter", newsletter):
        return denied
    count = selectors.newsletter_audience(newsletter=newsletter).count()
    return render(
        request,
        "newsletters/team/newsletter_send.html",
        {"newsletter": newsletter, "count": count},
    )


# The public pages -----------------------------------------------------------------------------


def _programme(request: HttpRequest, slug: str) -> Any:
    return access_or_404(
        request, selectors.programme_by_slug, "coalitions.see_programme", slug=slug
    )


@require_GET
def archive(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    newsletters = list(selectors.archive_list(programme=programme)[:200])
    return render(
        request,
        "newsletters/archive.html",
        {"programme": programme, "newsletters": newsletters},
    )


@require_GET
def archive_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug)
    newsletter = access_or_404(
        request,
        lambda pk: selectors.archive_get(programme=programme, pk=pk),
        "newsletters.see_newsletter",
        pk=pk,
    )
    return render(
        request,
        "newsletters/archive_detail.html",
        {
            "programme": programme,
            "newsletter": newsletter,
            "body_html": render_markdown(newsletter.body),
        },
    )


@csrf_exempt  # mail clients POST with no token (RFC 8058); the signed link is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user_id, newsletter_id = unsubscribe_read(token)
        user = User.objects.get(pk=user_id)
    except (signing.BadSignature, User.DoesNotExist):
        return render(request, "newsletters/unsubscribe.html", {"bad": True}, status=400)
    if request.method == "POST":
        services.newsletter_unsubscribe(user=user, newsletter_id=newsletter_id)
        return render(request, "newsletters/unsubscribe.html", {"done": True})
    return render(request, "newsletters/unsubscribe.html", {})

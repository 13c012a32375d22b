"""Directory, profiles and sign-up: parse, access, one selector or service call, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alliage.core.errors import BusinessError
from alliage.core.hooks import ACTOR_SECTIONS, sections
from alliage.core.http import (
    access_or_404,
    form_add_business_error,
    paginate,
    render_list,
    require_perm,
)

from . import selectors, services
from .forms import ContactForm, DirectoryFilterForm, ProfileForm, SignupForm
from .models import Person


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    tab = "people" if request.GET.get("tab") == "people" else "organisations"
    form = DirectoryFilterForm(request.GET or None, tab=tab)
    filters = form.filters()
    if tab == "people":
        queryset = selectors.person_list(q=filters.get("q", ""), viewer=request.user)
    else:
        queryset = selectors.organisation_list(**filters)
    page = paginate(request, queryset, 24)
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
        {"organisation": organisation, "sections": sections(ACTOR_SECTIONS, request, organisation)},
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


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = services.person_register(
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        login(request, person.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome to Alliage! Tell others what you want to achieve and can bring.")
        )
        return redirect("actors:profile-edit")
    return render(request, "registration/signup.html", {"form": form})

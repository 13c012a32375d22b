"""Directory, profiles and sign-up."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from alliage.core.errors import BusinessError
from alliage.core.hooks import ACTOR_SECTIONS, sections
from alliage.core.http import paginate, require_perm

from . import selectors, services
from .forms import ContactForm, DirectoryFilterForm, ProfileForm, SignupForm
from .models import Organisation, Person

ORGANISATION_FIELDS = frozenset({"intentions", "capabilities", "tags"})


def directory(request: HttpRequest) -> HttpResponse:
    tab = "people" if request.GET.get("tab") == "people" else "organisations"
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters()
    if tab == "people":
        queryset = selectors.person_list(q=filters.get("q", ""), viewer=request.user)
    else:
        queryset = selectors.organisation_list(**filters)
    page = paginate(request, queryset, 24)
    if tab == "people":
        selectors.attach_shown_fields(page.object_list, viewer=request.user)
    template = "actors/directory.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, {"form": form, "page": page, "tab": tab})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organisation = selectors.organisation_detail(slug=slug, viewer=request.user)
    except Organisation.DoesNotExist as missing:
        raise Http404 from missing
    organisation.shown = ORGANISATION_FIELDS  # an organisation's profile is public
    return render(
        request,
        "actors/organisation_detail.html",
        {"organisation": organisation, "sections": sections(ACTOR_SECTIONS, request, organisation)},
    )


def _get_person(request: HttpRequest, pk: int) -> Person:
    try:
        person = selectors.person_detail(pk=pk, viewer=request.user)
    except Person.DoesNotExist as missing:
        raise Http404 from missing
    person.shown = selectors.person_shown_fields(person=person, viewer=request.user)
    return person


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person(request, pk)
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


def person_contact(request: HttpRequest, pk: int) -> HttpResponse:
    """Write to a person who agreed to be contacted; their address stays hidden."""
    person = _get_person(request, pk)
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
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Your message is on its way to %(name)s. Their reply will come to your inbox.")
                % {"name": person.full_name},
            )
            return redirect(person)
    return render(request, "actors/person_contact.html", {"person": person, "form": form})


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    person = services.person_ensure(user=request.user)
    initial = {"tags": ", ".join(t.name for t in person.tags.all())}
    form = ProfileForm(request.POST or None, instance=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ProfileForm.Meta.fields}
        services.person_update(
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

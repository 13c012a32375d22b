"""Directory, profiles and sign-up."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alliage.core.http import paginate

from . import selectors, services
from .forms import DirectoryFilterForm, ProfileForm, SignupForm
from .models import Organisation, Person
from .registry import profile_sections


def directory(request: HttpRequest) -> HttpResponse:
    tab = "people" if request.GET.get("tab") == "people" else "organisations"
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters()
    if tab == "people":
        queryset = selectors.person_list(q=filters.get("q", ""))
    else:
        queryset = selectors.organisation_list(**filters)
    page = paginate(request, queryset, 24)
    template = "actors/directory.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, {"form": form, "page": page, "tab": tab})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organisation = selectors.organisation_detail(slug=slug)
    except Organisation.DoesNotExist as missing:
        raise Http404 from missing
    return render(
        request,
        "actors/organisation_detail.html",
        {"organisation": organisation, "sections": profile_sections(request, organisation)},
    )


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        person = selectors.person_detail(pk=pk, viewer=request.user)
    except Person.DoesNotExist as missing:
        raise Http404 from missing
    return render(
        request,
        "actors/person_detail.html",
        {
            "person": person,
            "is_me": person.user_id == request.user.pk,
            "sections": profile_sections(request, person),
        },
    )


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
    return render(request, "actors/profile_edit.html", {"form": form, "person": person})


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

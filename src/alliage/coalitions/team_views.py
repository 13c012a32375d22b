"""The team's pages of the coalitions app (/team/programmes/…): the programmes the team runs
(create, edit, order, archive) and the join requests waiting for an answer."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.core.errors import BusinessError
from alliage.core.forms import language_kept
from alliage.core.http import (
    access_or_404,
    form_add_business_error,
    paginate,
    render_list,
    require_perm,
    service_then_redirect,
)

from . import selectors, services
from .forms import ArchiveForm, MoveForm, ProgrammeForm, TeamRequestFilterForm

LIST = "team:programmes:programme-list"


@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    programmes = list(selectors.programmes_for_team(user=request.user))
    return render(
        request,
        "coalitions/team/programme_list.html",
        {
            "programmes": programmes,
            "active": [p for p in programmes if not p.is_archived],
            "archived": [p for p in programmes if p.is_archived],
            "can_create": request.user.has_perm("coalitions.create_programme"),
        },
    )


def _programme_form(request: HttpRequest, programme: object | None) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        data = language_kept({f: form.cleaned_data[f] for f in services.PROGRAMME_FIELDS})
        try:
            if programme is None:
                saved = services.programme_create(by=request.user, data=data)
                messages.success(
                    request, _("The programme “%(name)s” is created.") % {"name": saved}
                )
            else:
                services.programme_update(programme=programme, by=request.user, data=data)
                messages.success(request, _("The programme is saved."))
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            return redirect(LIST)
    return render(
        request,
        "coalitions/team/programme_form.html",
        {"form": form, "programme": programme},
    )


@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "team.access_area") or require_perm(
        request, "coalitions.create_programme"
    ):
        return denied
    return _programme_form(request, None)


@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    programme = access_or_404(
        request, selectors.programme_for_team, "coalitions.edit_programme", slug=slug
    )
    return _programme_form(request, programme)


@require_POST
def programme_move(request: HttpRequest, slug: str) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    programme = access_or_404(
        request, selectors.programme_for_team, "coalitions.edit_programme", slug=slug
    )
    form = MoveForm(request.POST)
    direction = form.cleaned_data["direction"] if form.is_valid() else ""
    return service_then_redirect(
        request,
        lambda: services.programme_move(programme=programme, by=request.user, direction=direction),
        to=LIST,
        success=_("The order is saved."),
    )


@require_POST
def programme_archive(request: HttpRequest, slug: str) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    programme = access_or_404(
        request, selectors.programme_for_team, "coalitions.edit_programme", slug=slug
    )
    form = ArchiveForm(request.POST)
    archive = form.is_valid() and form.cleaned_data["archive"]
    return service_then_redirect(
        request,
        lambda: services.programme_archive(programme=programme, by=request.user, archive=archive),
        to=LIST,
        success=(
            _("“%(name)s” is archived: it has left the public lists, its page stays.")
            if archive
            else _("“%(name)s” is back in the public lists.")
        )
        % {"name": programme.name},
    )


@require_GET
def join_request_list(request: HttpRequest) -> HttpResponse:
    """The join requests waiting for an answer in the programmes the team runs."""
    if denied := require_perm(request, "team.access_area"):
        return denied
    programmes = list(selectors.programmes_run_by(user=request.user))
    form = TeamRequestFilterForm(request.GET or None, programmes=programmes)
    filters = form.filters()
    page = paginate(
        request,
        selectors.join_requests_pending_for_team(user=request.user, **filters),
        settings.ALLIAGE_PAGE_SIZE,
    )
    return render_list(
        request,
        "coalitions/team/join_request_list.html",
        {"form": form, "page": page, "filtered": bool(filters)},
    )

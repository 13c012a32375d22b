"""The agenda as a filtered list and as a month."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alliage.coalitions.selectors import programme_list
from alliage.core.http import render_list
from alliage.core.pagination import paginate_bounded

from .. import selectors
from ..forms import AgendaFilterForm


@require_GET
def agenda(request: HttpRequest) -> HttpResponse:
    form = AgendaFilterForm(request.GET or None, programmes=list(programme_list()))
    filters = form.filters()
    page = paginate_bounded(request, selectors.event_list(viewer=request.user, **filters), 20)
    page.object_list = selectors.attach_seats_taken(page.object_list)
    return render_list(
        request,
        "agenda/agenda.html",
        {"form": form, "page": page, "when": filters["when"], "today": timezone.localdate()},
    )


@require_GET
def agenda_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    today = timezone.localdate()
    grid = selectors.month_grid(viewer=request.user, year=year, month=month, today=today)
    return render(request, "agenda/agenda_month.html", {**grid, "today": today})


@require_GET
def agenda_month_current(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return redirect("agenda:month", year=today.year, month=today.month)

"""The site-wide search page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliage.core.pagination import wanted_page

from . import selectors
from .forms import SearchForm


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Every kind's first results for the query, or, with ``?kind=``, a page of one kind."""
    form = SearchForm(request.GET or None)
    q = form.query()
    kind = selectors.KINDS_BY_KEY.get(request.GET.get("kind", ""))
    typed = bool(request.GET.get("q", "").strip())
    context = {"form": form, "q": q, "typed": typed, "kind": kind}
    if q and kind:
        context["kind_page"] = selectors.kind_search_page(
            viewer=request.user,
            q=q,
            kind=kind,
            page=request.GET.get("page"),
            wanted=wanted_page(request),
        )
    elif q:
        context["found"] = selectors.site_search(viewer=request.user, q=q)
    return render(request, "sitesearch/search.html", context)

"""The platform's open data and the DCAT catalogue of the site."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alliage.core.http import file_response, require_perm, service_then_redirect
from alliage.core.opendata import exporters

from .. import archive, linked_data, selectors, services
from ..licences import LICENCES, PLATFORM_DATA_LICENCE
from ..models import OpenDataArchive
from .common import json_ld


@require_GET
def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    datasets = [
        (p, list(p.resources.all()), selectors.authors(p)) for p in selectors.catalog_datasets()
    ]
    return json_ld(
        linked_data.catalog_document(
            datasets, selectors.opendata_latest(), request.build_absolute_uri
        )
    )


@require_GET
def opendata(request: HttpRequest) -> HttpResponse:
    latest = selectors.opendata_latest()
    registered = {e.name: e for e in exporters()}
    built = {entry["name"]: entry for entry in (latest.manifest if latest else [])}
    rows = [
        {
            "name": name,
            "title": registered[name].title if name in registered else built[name]["title"],
            "description": (
                registered[name].description
                if name in registered
                else built[name].get("description", "")
            ),
            "rows": built[name]["rows"] if name in built else None,
        }
        for name in sorted(set(registered) | set(built))
    ]
    return render(
        request,
        "commons/opendata.html",
        {
            "archive": latest,
            "files": rows,
            "licence": LICENCES[PLATFORM_DATA_LICENCE],
            "can_build": request.user.has_perm("commons.build_opendata"),
        },
    )


def _latest_or_404() -> OpenDataArchive:
    latest = selectors.opendata_latest()
    if latest is None:
        raise Http404
    return latest


@require_GET
def opendata_archive(request: HttpRequest) -> FileResponse:
    latest = _latest_or_404()
    response = file_response(
        latest.file, filename="alliage-opendata.zip", content_type="application/zip", public=True
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def opendata_member(request: HttpRequest, name: str, ext: str) -> HttpResponse:
    """One file of the latest archive, read from it."""
    latest = _latest_or_404()
    if name not in {entry["name"] for entry in latest.manifest}:
        raise Http404
    try:
        with latest.file.open("rb") as stream:
            content = archive.read_member(stream, f"{name}.{ext}")
    except OSError as missing:
        raise Http404 from missing
    if content is None:
        raise Http404
    content_type = "text/csv" if ext == "csv" else "application/json"
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.{ext}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def opendata_build(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "commons.build_opendata"):
        return denied
    return service_then_redirect(
        request,
        lambda: services.opendata_request_build(by=request.user),
        to="commons:opendata",
        success=_("The archive is being rebuilt: reload this page in a moment to see it."),
    )

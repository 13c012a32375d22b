"""Publications and datasets in the API, read through the commons app's selectors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Schema

from alliage.commons import selectors as commons_selectors
from alliage.commons.models import Publication, PublicationKind

from .common import Page, Paging, domain_router, last_modified, paginate
from .problems import READ_ERRORS

router = domain_router("commons")


class LicenceOut(Schema):
    id: str = Field(description="SPDX identifier.")
    name: str
    url: str


class AuthorOut(Schema):
    name: str
    kind: str = Field(description="organisation or person")


class PublicationItem(Schema):
    slug: str
    kind: str
    title: str
    language: str = Field(description="The language its texts are written in (fr or en).")
    summary: str
    programme: str | None
    published_on: dt.date | None
    licence: LicenceOut
    authors: list[AuthorOut]
    url: str


class FileOut(Schema):
    label: str
    version: int
    format: str
    byte_size: int
    url: str
    earlier_versions: list[int]


class ReuseOut(Schema):
    title: str
    url: str
    kind: str
    description: str


class PublicationOut(PublicationItem):
    body: str = Field(description="Markdown.")
    coalitions: list[str]
    files: list[FileOut]
    reuses: list[ReuseOut]


class ResourceOut(Schema):
    title: str
    format: str
    byte_size: int | None
    sha256: str
    url: str


class Coverage(Schema):
    start: dt.date | None
    end: dt.date | None


class DatasetOut(PublicationOut):
    temporal: Coverage
    spatial: str
    resources: list[ResourceOut]


class PublicationFilters(Paging):
    kind: PublicationKind | None = None
    programme: str = ""
    licence: str = ""
    q: str = ""


class DatasetFilters(Paging):
    programme: str = ""
    licence: str = ""
    q: str = ""


def publication_item_out(request: HttpRequest, p: Publication) -> dict[str, Any]:
    licence = p.licence_info
    return {
        "slug": p.slug,
        "kind": p.kind,
        "title": p.title,
        "language": p.content_language,
        "summary": p.summary,
        "programme": p.programme.slug if p.programme else None,
        "published_on": p.published_on,
        "licence": {"id": licence.spdx, "name": licence.name, "url": licence.url},
        "authors": [
            *({"name": o.name, "kind": "organisation"} for o in p.author_organisations.all()),
            *(
                {"name": str(person), "kind": "person"}
                for person in p.author_people.all()
                if person.is_listed
            ),
        ],
        "url": request.build_absolute_uri(p.get_absolute_url()),
    }


def _detail(request: HttpRequest, slug: str, *, dataset: bool) -> Publication:
    """The publication (or dataset) if the caller may see it, with its body; 404 otherwise."""
    qs = commons_selectors.publication_list(viewer=request.user).filter(slug=slug)
    if dataset:
        qs = qs.filter(kind=PublicationKind.DATASET)
    publication = qs.defer(None).first()
    if publication is None:
        raise Http404
    return publication


def publication_out(request: HttpRequest, p: Publication) -> dict[str, Any]:
    absolute = request.build_absolute_uri
    return {
        **publication_item_out(request, p),
        "body": p.body,
        "coalitions": [
            c.slug
            for c in commons_selectors.publication_coalitions(publication=p, viewer=request.user)
        ],
        "files": [
            {
                "label": h.label,
                "version": h.current.version,
                "format": h.current.format,
                "byte_size": h.current.byte_size,
                "url": absolute(h.current.get_absolute_url()),
                "earlier_versions": [f.version for f in h.earlier],
            }
            for h in commons_selectors.publication_files(publication=p)
        ],
        "reuses": [
            {"title": r.title, "url": r.url, "kind": r.kind, "description": r.description}
            for r in commons_selectors.reuses_published(publication=p)
        ],
    }


@router.get(
    "/publications",
    response={200: Page[PublicationItem], **READ_ERRORS},
    operation_id="alliage_api_commons_publication_list",
)
def publication_list(
    request: HttpRequest, response: HttpResponse, filters: Query[PublicationFilters]
):
    """The programme's commons (cahiers, guides, kits, articles, datasets…), newest first;
    filter by kind, programme, licence (SPDX id) and words."""
    qs = commons_selectors.publication_list(
        viewer=request.user,
        q=filters.q[:200],
        kind=filters.kind or "",
        programme=filters.programme[:100],
        licence=filters.licence[:40],
    )
    page = paginate(request, qs, filters, response)
    page["results"] = [publication_item_out(request, p) for p in page["results"]]
    return page


@router.get(
    "/publications/{slug}",
    response={200: PublicationOut, **READ_ERRORS},
    operation_id="alliage_api_commons_publication_get",
)
def publication_get(request: HttpRequest, response: HttpResponse, slug: str):
    """A publication, its files (with their earlier versions) and its published reuses."""
    publication = _detail(request, slug, dataset=False)
    last_modified(response, publication.updated_at)
    return publication_out(request, publication)


@router.get(
    "/datasets",
    response={200: Page[PublicationItem], **READ_ERRORS},
    operation_id="alliage_api_commons_dataset_list",
)
def dataset_list(request: HttpRequest, response: HttpResponse, filters: Query[DatasetFilters]):
    """The shared datasets; their DCAT-AP description is at /catalog.jsonld."""
    qs = commons_selectors.publication_list(
        viewer=request.user,
        q=filters.q[:200],
        kind=PublicationKind.DATASET,
        programme=filters.programme[:100],
        licence=filters.licence[:40],
    )
    page = paginate(request, qs, filters, response)
    page["results"] = [publication_item_out(request, p) for p in page["results"]]
    return page


@router.get(
    "/datasets/{slug}",
    response={200: DatasetOut, **READ_ERRORS},
    operation_id="alliage_api_commons_dataset_get",
)
def dataset_get(request: HttpRequest, response: HttpResponse, slug: str):
    """A dataset: coverage and resources, each with its format, size and SHA-256."""
    dataset = _detail(request, slug, dataset=True)
    last_modified(response, dataset.updated_at)
    return {
        **publication_out(request, dataset),
        "temporal": {"start": dataset.temporal_start, "end": dataset.temporal_end},
        "spatial": dataset.spatial,
        "resources": [
            {
                "title": r.title,
                "format": r.format,
                "byte_size": r.byte_size,
                "sha256": r.sha256,
                "url": request.build_absolute_uri(r.get_download_url()),
            }
            for r in commons_selectors.dataset_resources(publication=dataset)
        ],
    }

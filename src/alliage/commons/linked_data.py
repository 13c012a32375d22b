"""Linked data about the commons: the DCAT-AP catalogue of datasets (JSON-LD, for data portals
such as data.gouv.fr and data.europa.eu) and schema.org descriptions of each publication (for
search engines). Every node is built from the same objects the pages show."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from alliage.actors.models import Organisation, Person

from .licences import LICENCES, PLATFORM_DATA_LICENCE
from .models import OpenDataArchive, Publication, PublicationKind, Resource
from .uploads import MEDIA_TYPES

Absolute = Callable[[str], str]

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"
SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"


EU_LANGUAGES = "http://publications.europa.eu/resource/authority/language/"


def language_uri(code: str) -> str:
    """The EU Publications Office's authority URI of a language (what DCAT-AP asks for)."""
    return EU_LANGUAGES + {"fr": "FRA", "en": "ENG"}.get(code, "FRA")


def json_script(data: Any) -> SafeString:
    """JSON for a ``<script type="application/ld+json">``, escaped so that it cannot close its
    tag: not executable, so the content security policy allows it."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped


def _typed(value: Any, datatype: str) -> dict[str, str]:
    return {"@value": str(value), "@type": f"xsd:{datatype}"}


def _publisher() -> dict[str, Any]:
    return {"@type": "foaf:Agent", "foaf:name": settings.SITE_NAME}


def _agent(actor: Organisation | Person) -> dict[str, Any]:
    if isinstance(actor, Organisation):
        return {"@type": "foaf:Organization", "foaf:name": actor.name}
    return {"@type": "foaf:Person", "foaf:name": actor.full_name}


def _checksum(sha256: str) -> dict[str, Any]:
    return {
        "@type": "spdx:Checksum",
        "spdx:algorithm": {"@id": SHA256},
        "spdx:checksumValue": _typed(sha256, "hexBinary"),
    }


def _formats(file_format: str) -> dict[str, Any]:
    node: dict[str, Any] = {
        "dct:format": {"@id": FILE_TYPE + file_format.upper().replace("JPG", "JPEG")}
    }
    if file_format in MEDIA_TYPES:
        node["dcat:mediaType"] = {"@id": IANA + MEDIA_TYPES[file_format]}
    return node


def dataset_uri(publication: Publication, absolute: Absolute) -> str:
    return absolute(publication.get_absolute_url()) + "#dataset"


def distribution_node(
    resource: Resource, publication: Publication, absolute: Absolute
) -> dict[str, Any]:
    page = absolute(publication.get_absolute_url())
    node: dict[str, Any] = {
        "@id": f"{page}#resource-{resource.pk}",
        "@type": "dcat:Distribution",
        "dct:title": resource.title,
        "dct:license": {"@id": publication.licence_info.url},
        **_formats(resource.format),
    }
    if resource.description:
        node["dct:description"] = resource.description
    if resource.file:
        download = absolute(resource.get_download_url())
        node["dcat:accessURL"] = {"@id": download}
        node["dcat:downloadURL"] = {"@id": download}
    else:
        node["dcat:accessURL"] = {"@id": resource.url}
    if resource.byte_size is not None:
        node["dcat:byteSize"] = _typed(resource.byte_size, "nonNegativeInteger")
    if resource.sha256:
        node["spdx:checksum"] = _checksum(resource.sha256)
    return node


def dataset_node(
    publication: Publication,
    resources: Iterable[Resource],
    authors: Iterable[Organisation | Person],
    absolute: Absolute,
) -> dict[str, Any]:
    """A ``dcat:Dataset`` with its distributions, licence, dates and coverage."""
    page = absolute(publication.get_absolute_url())
    node: dict[str, Any] = {
        "@id": dataset_uri(publication, absolute),
        "@type": "dcat:Dataset",
        "dct:identifier": publication.slug,
        "dct:title": publication.title,
        "dct:description": publication.summary,
        "dct:license": {"@id": publication.licence_info.url},
        "dct:modified": _typed(publication.updated_at.isoformat(), "dateTime"),
        "dct:publisher": _publisher(),
        "dct:language": {"@id": language_uri(publication.content_language)},
        "dcat:landingPage": {"@id": page},
        "dcat:distribution": [distribution_node(r, publication, absolute) for r in resources],
    }
    if publication.published_on:
        node["dct:issued"] = _typed(publication.published_on.isoformat(), "date")
    creators = [_agent(a) for a in authors]
    if creators:
        node["dct:creator"] = creators
    if publication.temporal_start or publication.temporal_end:
        period: dict[str, Any] = {"@type": "dct:PeriodOfTime"}
        if publication.temporal_start:
            period["dcat:startDate"] = _typed(publication.temporal_start.isoformat(), "date")
        if publication.temporal_end:
            period["dcat:endDate"] = _typed(publication.temporal_end.isoformat(), "date")
        node["dct:temporal"] = period
    if publication.spatial:
        node["dct:spatial"] = {"@type": "dct:Location", "locn:geographicName": publication.spatial}
    if publication.programme:
        node["dcat:keyword"] = [publication.programme.name]
    return node


def archive_node(archive: OpenDataArchive, absolute: Absolute) -> dict[str, Any]:
    """The platform's own open data, as one dataset of the catalogue."""
    licence = LICENCES[PLATFORM_DATA_LICENCE]
    page = absolute(reverse("commons:opendata"))
    download = absolute(reverse("commons:opendata-archive"))
    return {
        "@id": page + "#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": "alliage-opendata",
        "dct:title": _("Open data of %(site)s") % {"site": settings.SITE_NAME},
        "dct:description": _(
            "Programmes, published coalitions and their canvas, public events, calls and "
            "accepted projects, publications and listed actors."
        ),
        "dct:license": {"@id": licence.url},
        "dct:modified": _typed(archive.generated_at.isoformat(), "dateTime"),
        "dct:publisher": _publisher(),
        "dcat:landingPage": {"@id": page},
        "dcat:distribution": [
            {
                "@id": download + "#distribution",
                "@type": "dcat:Distribution",
                "dct:title": "archive.zip",
                "dct:license": {"@id": licence.url},
                "dcat:accessURL": {"@id": download},
                "dcat:downloadURL": {"@id": download},
                "dct:format": {"@id": FILE_TYPE + "ZIP"},
                "dcat:mediaType": {"@id": IANA + "application/zip"},
                "dcat:byteSize": _typed(archive.byte_size, "nonNegativeInteger"),
                "spdx:checksum": _checksum(archive.sha256),
            }
        ],
    }


def catalog_document(
    datasets: Iterable[tuple[Publication, list[Resource], list[Organisation | Person]]],
    archive: OpenDataArchive | None,
    absolute: Absolute,
) -> dict[str, Any]:
    """The site's ``dcat:Catalog``: every published dataset, and the platform's own data."""
    nodes = [dataset_node(p, resources, authors, absolute) for p, resources, authors in datasets]
    if archive is not None:
        nodes.append(archive_node(archive, absolute))
    return {
        "@context": DCAT_CONTEXT,
        "@id": absolute(reverse("commons:catalog")),
        "@type": "dcat:Catalog",
        "dct:title": _("%(site)s data catalogue") % {"site": settings.SITE_NAME},
        "dct:description": _(
            "The datasets that the programme's coalitions share as commons, under free licences."
        ),
        "dct:language": {"@id": language_uri(get_language() or "fr")},
        "dct:publisher": _publisher(),
        "foaf:homepage": {"@id": absolute(reverse("commons:library"))},
        "dcat:dataset": nodes,
    }


def dataset_document(
    publication: Publication,
    resources: list[Resource],
    authors: list[Organisation | Person],
    absolute: Absolute,
) -> dict[str, Any]:
    return {"@context": DCAT_CONTEXT, **dataset_node(publication, resources, authors, absolute)}


SCHEMA_TYPES = {
    PublicationKind.DATASET: "Dataset",
    PublicationKind.ARTICLE: "Article",
    PublicationKind.TRAINING: "LearningResource",
}


def schema_org(
    publication: Publication,
    *,
    authors: Iterable[Organisation | Person],
    resources: Iterable[Resource],
    absolute: Absolute,
) -> dict[str, Any]:
    """A schema.org ``CreativeWork`` (``Dataset``, ``Article``…) for search engines."""
    page = absolute(publication.get_absolute_url())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(publication.kind, "CreativeWork"),
        "@id": page,
        "url": page,
        "name": publication.title,
        "headline": publication.title[:110],
        "description": publication.summary,
        "license": publication.licence_info.url,
        "inLanguage": publication.content_language,
        "dateModified": publication.updated_at.isoformat(),
        "genre": publication.get_kind_display(),
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "author": [
            {"@type": "Organization", "name": a.name}
            if isinstance(a, Organisation)
            else {"@type": "Person", "name": a.full_name}
            for a in authors
        ],
    }
    if publication.published_on:
        data["datePublished"] = publication.published_on.isoformat()
    if publication.programme:
        data["isPartOf"] = {"@type": "CreativeWorkSeries", "name": publication.programme.name}
    if publication.cover:
        data["image"] = absolute(reverse("commons:cover", args=[publication.slug]))
    if publication.is_dataset:
        data["distribution"] = [
            {
                "@type": "DataDownload",
                "name": r.title,
                "contentUrl": absolute(r.get_download_url()) if r.file else r.url,
                "encodingFormat": MEDIA_TYPES.get(r.format, r.format),
                **({"contentSize": str(r.byte_size)} if r.byte_size is not None else {}),
            }
            for r in resources
        ]
        if publication.temporal_start or publication.temporal_end:
            start = publication.temporal_start.isoformat() if publication.temporal_start else ".."
            end = publication.temporal_end.isoformat() if publication.temporal_end else ".."
            data["temporalCoverage"] = f"{start}/{end}"
        if publication.spatial:
            data["spatialCoverage"] = {"@type": "Place", "name": publication.spatial}
        data["isAccessibleForFree"] = True
    return data

"""What the commons adds to the platform's open data: published publications, the resources
of published datasets and the published reuses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from alliage.core.opendata import register_exporter, register_queryset_exporter


def _absolute(path: str) -> str:
    return settings.ALLIAGE_BASE_URL.rstrip("/") + path


def publication_rows() -> Iterator[dict[str, Any]]:
    """Published publications with their authors and related coalitions (published ones)."""
    from alliage.actors.models import Person
    from alliage.coalitions.models import Coalition

    from .models import Publication, PublicationStatus

    publications = (
        Publication.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("programme")
        .prefetch_related(
            "author_organisations",
            Prefetch("author_people", Person.objects.only("first_name", "last_name")),
            Prefetch("coalitions", Coalition.objects.published().only("slug")),
        )
        .order_by("pk")
    )
    for p in publications:
        yield {
            "slug": p.slug,
            "kind": p.kind,
            "title": p.title,
            "summary": p.summary,
            "body": p.body,
            "published_on": p.published_on,
            "licence": p.licence,
            "programme": p.programme.slug if p.programme else None,
            "authors": "; ".join(
                [o.name for o in p.author_organisations.all()]
                + [a.full_name for a in p.author_people.all()]
            ),
            "coalitions": " ".join(c.slug for c in p.coalitions.all()),
            "url": _absolute(p.get_absolute_url()),
        }


def resource_rows() -> Iterator[dict[str, Any]]:
    from .models import PublicationStatus, Resource

    resources = (
        Resource.objects.filter(publication__status=PublicationStatus.PUBLISHED)
        .select_related("publication")
        .order_by("publication_id", "position", "pk")
    )
    for r in resources:
        yield {
            "dataset": r.publication.slug,
            "title": r.title,
            "format": r.format,
            "byte_size": r.byte_size,
            "sha256": r.sha256,
            "url": _absolute(r.get_download_url()) if r.file else r.url,
        }


def register() -> None:
    from .models import PublicationStatus, Reuse, ReuseStatus

    register_exporter(
        "publications",
        title=_("Publications"),
        description=_("Published cahiers, guides, kits, articles, datasets and other commons."),
        columns="slug kind title summary body published_on licence programme authors "
        "coalitions url",
        rows=publication_rows,
        app_label="commons",
    )
    register_exporter(
        "dataset-resources",
        title=_("Dataset resources"),
        description=_("The files and links of published datasets, with their SHA-256."),
        columns="dataset title format byte_size sha256 url",
        rows=resource_rows,
        app_label="commons",
    )
    register_queryset_exporter(
        "reuses",
        title=_("Reuses"),
        description=_("Published reuses of publications and datasets."),
        queryset=lambda: Reuse.objects.filter(
            status=ReuseStatus.PUBLISHED, publication__status=PublicationStatus.PUBLISHED
        ).order_by("pk"),
        fields="publication__slug title url kind description created_at",
        app_label="commons",
    )

"""What the commons hold about a person: the publications they co-authored, the files they
added and the reuses they declared. Authorship and published reuses are public contributions:
an erasure keeps them under the anonymous label of the erased account (the licence may require
the credit to stay); a reuse still waiting or refused is deleted, and who added a file or
moderated a reuse is forgotten."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData

from .models import (
    Publication,
    PublicationFile,
    PublicationKind,
    PublicationStatus,
    Reuse,
    ReuseKind,
    ReuseStatus,
)


def _authored(user: User) -> Iterator[dict[str, Any]]:
    for p in Publication.objects.filter(author_people__user=user).order_by("-published_on", "id"):
        yield {
            "title": p.title,
            "kind": p.kind,
            "status": p.status,
            "published_on": p.published_on,
            "licence": p.licence,
        }


def _files(user: User) -> Iterator[dict[str, Any]]:
    rows = PublicationFile.objects.filter(uploaded_by=user).select_related("publication")
    for f in rows.order_by("uploaded_at", "id"):
        yield {
            "publication": f.publication.title,
            "label": f.label,
            "version": f.version,
            "format": f.format,
            "uploaded_at": f.uploaded_at,
        }


def _reuses(user: User) -> Iterator[dict[str, Any]]:
    rows = Reuse.objects.filter(declared_by__user=user).select_related("publication")
    for r in rows.order_by("created_at", "id"):
        yield {
            "publication": r.publication.title,
            "title": r.title,
            "url": r.url,
            "kind": r.kind,
            "description": r.description,
            "status": r.status,
            "declared_at": r.created_at,
        }


def _erase(user: User) -> None:
    Reuse.objects.filter(declared_by__user=user).exclude(status=ReuseStatus.PUBLISHED).delete()
    Reuse.objects.filter(moderated_by=user).update(moderated_by=None)
    PublicationFile.objects.filter(uploaded_by=user).update(uploaded_by=None)


PERSONAL_DATA = PersonalData(
    app_label="commons",
    title=_("Commons"),
    purpose=_("To credit you as an author and to record the reuses you declare."),
    retention=_(
        "As long as the publication exists; when you erase your account, your credit becomes an "
        "anonymous label."
    ),
    recipients=_("Everyone, for what is published; the programme team for drafts."),
    models=("commons.Publication", "commons.PublicationFile", "commons.Reuse"),
    erase=_erase,
    datasets=(
        Dataset(
            key="publications_authored",
            title=_("Publications you co-authored"),
            description=_(
                "Publications that name you among their authors. They keep the credit under an "
                "anonymous label if you erase your account."
            ),
            export=_authored,
            fields=(
                Field("title", _("Title"), _("the publication's title")),
                Field(
                    "kind",
                    _("Kind"),
                    _("cahier, guide, kit, article, dataset…"),
                    choices=PublicationKind,
                ),
                Field("status", _("Status"), _("draft or published"), choices=PublicationStatus),
                Field("published_on", _("Published on"), _("its publication date (ISO 8601)")),
                Field("licence", _("Licence"), _("its licence, as an SPDX identifier")),
            ),
        ),
        Dataset(
            key="publication_files",
            title=_("Files you added"),
            description=_("Files and new versions of files you added to publications."),
            export=_files,
            fields=(
                Field("publication", _("Publication"), _("the publication's title")),
                Field("label", _("Name"), _("the file's name in the publication")),
                Field("version", _("Version"), _("its version number")),
                Field("format", _("Format"), _("its format")),
                Field("uploaded_at", _("Added"), _("when you added it (ISO 8601, UTC)")),
            ),
        ),
        Dataset(
            key="reuses",
            title=_("Reuses you declared"),
            description=_(
                "Reuses of publications and datasets you declared. Published ones stay under an "
                "anonymous label if you erase your account; the others are deleted."
            ),
            export=_reuses,
            fields=(
                Field("publication", _("Publication"), _("what you reused")),
                Field("title", _("Title"), _("the reuse's title")),
                Field("url", _("Link"), _("where the reuse is")),
                Field(
                    "kind",
                    _("Kind"),
                    _("application, visualisation, article, API, other"),
                    choices=ReuseKind,
                ),
                Field("description", _("Description"), _("what you wrote about it")),
                Field(
                    "status", _("Status"), _("pending, published or refused"), choices=ReuseStatus
                ),
                Field("declared_at", _("Declared"), _("when you declared it (ISO 8601, UTC)")),
            ),
        ),
    ),
)

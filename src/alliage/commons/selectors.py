"""Reads of the commons, ready to render, filtered to what the viewer may see.

The visibility filter mirrors ``rules.see_publication``: rules check one object, lists need a
queryset.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from alliage.actors.models import Organisation, Person
from alliage.coalitions.models import Coalition, Programme
from alliage.coalitions.predicates import team_programme_ids
from alliage.coalitions.selectors import coalition_visible_q, programme_list
from alliage.core.models import User
from alliage.core.search import SearchIndex, Text, search_words, text_search
from alliage.core.text import folded

from .models import (
    OpenDataArchive,
    Publication,
    PublicationFile,
    PublicationKind,
    PublicationStatus,
    Resource,
    Reuse,
    ReuseStatus,
)

# The text a search looks through (core.search keeps its index).
SEARCH_INDEX = SearchIndex(
    model="commons.Publication", title=(Text("title"),), body=(Text("summary"), Text("body"))
)


def publication_visible_q(viewer: User) -> Q:
    if viewer.is_authenticated and viewer.is_superuser:
        return Q()
    visible = Q(status=PublicationStatus.PUBLISHED)
    if viewer.is_authenticated:
        visible |= Q(programme_id__in=team_programme_ids(viewer))
        visible |= Q(
            Exists(
                Publication.author_people.through.objects.filter(
                    publication_id=OuterRef("pk"), person__user_id=viewer.pk
                )
            )
        )
    return visible


def _authors(through: str = "") -> tuple[Prefetch, Prefetch]:
    return (
        Prefetch(
            f"{through}author_organisations",
            Organisation.objects.only("pk", "slug", "name", "is_listed"),
        ),
        Prefetch(
            f"{through}author_people",
            Person.objects.only("pk", "user_id", "first_name", "last_name", "is_listed"),
        ),
    )


def publication_list(
    *,
    viewer: User,
    q: str = "",
    kind: str = "",
    programme: str = "",
    licence: str = "",
    ranked: bool = False,
) -> QuerySet[Publication]:
    """Publications the viewer may see, filtered, newest first (drafts, undated, on top), or
    with ``ranked`` the best matches of ``q`` first (the site-wide search); four queries
    whatever the page size: the count, the page and its two author lists."""
    qs = Publication.objects.filter(publication_visible_q(viewer))
    if kind:
        qs = qs.filter(kind=kind)
    if programme:
        qs = qs.filter(programme__slug=programme)
    if licence:
        qs = qs.filter(licence=licence)
    ranked = ranked and bool(search_words(q))
    qs = text_search(qs, q, index=SEARCH_INDEX, ranked=ranked)
    newest = (F("published_on").desc(nulls_first=True), "-id")
    return (
        qs.select_related("programme")
        .defer("body", "programme__description")
        .prefetch_related(*_authors())
        .order_by(*(("-search_rank", *newest) if ranked else newest))
    )


def publication_detail(*, slug: str) -> Publication:
    """One publication with its programme and authors; permission is checked by the caller."""
    return (
        Publication.objects.select_related("programme").prefetch_related(*_authors()).get(slug=slug)
    )


def publication_get(*, pk: int) -> Publication:
    """A publication row on its own, for a form to write into as it validates (the page keeps
    the instance it fetched to show)."""
    return Publication.objects.get(pk=pk)


def publications_titled(
    *, title: str, viewer: User, exclude_pk: int | None = None
) -> list[Publication]:
    """The publications the viewer may see whose title is ``title`` when case, accents and
    spaces do not count, oldest first (``exclude_pk``: the one being edited). Accents are
    folded in Python, the same way on SQLite and PostgreSQL: one query reads the titles."""
    wanted = folded(title)
    if not wanted:
        return []
    visible = Publication.objects.filter(publication_visible_q(viewer))
    if exclude_pk is not None:
        visible = visible.exclude(pk=exclude_pk)
    pks = [pk for pk, other in visible.values_list("pk", "title") if folded(other) == wanted]
    if not pks:
        return []
    return list(
        Publication.objects.filter(pk__in=pks)
        .select_related("programme")
        .only(
            "pk", "slug", "title", "status", "published_on", "content_language", "programme__name"
        )
        .order_by("pk")
    )


def publication_programmes(*, user: User, keep: int | None = None) -> QuerySet[Programme]:
    """The programmes a user may file a publication under: every one for an administrator,
    their teams' otherwise; ``keep`` (the publication's current programme) stays choosable."""
    programmes = programme_list()
    if user.is_superuser:
        return programmes
    allowed = Q(pk__in=team_programme_ids(user))
    if keep is not None:
        allowed |= Q(pk=keep)
    return programmes.filter(allowed)


def publication_file_detail(*, slug: str, pk: int) -> PublicationFile:
    """A file of the publication ``slug``, with what ``commons.see_publication`` reads of its
    publication; permission is checked by the caller."""
    return (
        PublicationFile.objects.select_related("publication")
        .prefetch_related(*_authors("publication__"))
        .get(publication__slug=slug, pk=pk)
    )


def resource_detail(*, slug: str, pk: int) -> Resource:
    """A resource of the dataset ``slug``, as ``publication_file_detail``."""
    return (
        Resource.objects.select_related("publication")
        .prefetch_related(*_authors("publication__"))
        .get(publication__slug=slug, pk=pk)
    )


def publication_coalitions(*, publication: Publication, viewer: User) -> QuerySet[Coalition]:
    """The related coalitions the viewer may see."""
    return (
        publication.coalitions.filter(coalition_visible_q(viewer))
        .only("slug", "title", "content_language")
        .order_by("title")
    )


@dataclass
class FileHistory:
    """One file of a publication: its current version and the earlier ones, newest first."""

    label: str
    current: PublicationFile
    earlier: list[PublicationFile] = field(default_factory=list)


def publication_files(*, publication: Publication) -> list[FileHistory]:
    files = publication.files.select_related("publication").order_by("label", "-version")
    histories = []
    for label, group in groupby(files, key=lambda f: f.label):
        current, *earlier = group
        histories.append(FileHistory(label=label, current=current, earlier=earlier))
    return histories


def dataset_resources(*, publication: Publication) -> list[Resource]:
    return list(publication.resources.select_related("publication").order_by("position", "id"))


def reuses_published(*, publication: Publication) -> list[Reuse]:
    return list(
        publication.reuses.filter(status=ReuseStatus.PUBLISHED)
        .select_related("declared_by")
        .order_by("-moderated_at", "-id")
    )


def reuses_declared_by(*, publication: Publication, viewer: User) -> list[Reuse]:
    """The viewer's own reuses of a publication that are not (or not yet) published."""
    if not viewer.is_authenticated:
        return []
    return list(
        publication.reuses.filter(declared_by__user=viewer).exclude(status=ReuseStatus.PUBLISHED)
    )


def reuses_to_moderate() -> QuerySet[Reuse]:
    """Reuses with their publication, which ``commons.moderate_reuse`` reads."""
    return Reuse.objects.select_related("publication")


def moderation_queue(*, viewer: User, status: str = ReuseStatus.PENDING) -> QuerySet[Reuse]:
    """Reuses of the publications the viewer moderates: their programmes' (or all, for an
    administrator), oldest first when pending so that nobody waits longest."""
    qs = Reuse.objects.filter(status=status)
    if not viewer.is_superuser:
        qs = qs.filter(publication__programme_id__in=team_programme_ids(viewer))
    order = ("created_at", "id") if status == ReuseStatus.PENDING else ("-moderated_at", "-id")
    return qs.select_related("publication", "declared_by").order_by(*order)


def pending_reuse_count(*, viewer: User) -> int:
    return moderation_queue(viewer=viewer).count()


def feed_publications(
    *, kind: str = "", programme: Programme | None = None, limit: int = 30
) -> list[Publication]:
    """The latest published publications, for feeds: drafts never appear."""
    qs = Publication.objects.filter(status=PublicationStatus.PUBLISHED)
    if kind:
        qs = qs.filter(kind=kind)
    if programme is not None:
        qs = qs.filter(programme=programme)
    return list(
        qs.select_related("programme")
        .prefetch_related(*_authors())
        .order_by("-published_on", "-id")[:limit]
    )


def catalog_datasets() -> QuerySet[Publication]:
    """Every published dataset with its resources, for the DCAT catalogue."""
    return (
        Publication.objects.filter(status=PublicationStatus.PUBLISHED, kind=PublicationKind.DATASET)
        .select_related("programme")
        .prefetch_related(*_authors(), "resources")
        .order_by("-published_on", "-id")
    )


def opendata_latest() -> OpenDataArchive | None:
    return OpenDataArchive.objects.order_by("-generated_at", "-id").first()


def publications_of_actor(
    *, actor: Organisation | Person, viewer: User, limit: int = 6
) -> list[Publication]:
    relation = "author_organisations" if isinstance(actor, Organisation) else "author_people"
    return list(
        Publication.objects.filter(publication_visible_q(viewer), **{relation: actor})
        .only("slug", "title", "kind", "published_on", "status", "content_language")
        .order_by(F("published_on").desc(nulls_first=True), "-id")[:limit]
    )


def publications_of(
    *, programme: Programme | None = None, coalition: Coalition | None = None, viewer: User
) -> list[Publication]:
    """The latest publications of a programme or about a coalition, for their pages."""
    qs = Publication.objects.filter(publication_visible_q(viewer))
    if programme is not None:
        qs = qs.filter(programme=programme)
    if coalition is not None:
        qs = qs.filter(coalitions=coalition)
    return list(
        qs.only("slug", "title", "kind", "published_on", "status", "content_language").order_by(
            F("published_on").desc(nulls_first=True), "-id"
        )[:5]
    )


def authors(publication: Publication) -> list[Organisation | Person]:
    """Organisations then people, by name (from the prefetch ``publication_detail`` makes)."""
    return [
        *sorted(publication.author_organisations.all(), key=lambda o: o.name),
        *sorted(publication.author_people.all(), key=lambda a: (a.last_name, a.first_name)),
    ]


def waiting_counts(*, programmes: list[Programme]) -> dict[int, dict[str, int]]:
    """Per programme id, its reuses awaiting moderation and its draft publications (written,
    not yet published): two queries whatever the volume, for the team's dashboard."""
    from django.db.models import Count  # here, not above: this block was added on its own

    ids = [p.pk for p in programmes]
    counts: dict[int, dict[str, int]] = {pk: {"reuses": 0, "drafts": 0} for pk in ids}
    reuses = (
        Reuse.objects.filter(status=ReuseStatus.PENDING, publication__programme_id__in=ids)
        .values_list("publication__programme_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for pk, n in reuses:
        counts[pk]["reuses"] = n
    drafts = (
        Publication.objects.filter(status=PublicationStatus.DRAFT, programme_id__in=ids)
        .values_list("programme_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for pk, n in drafts:
        counts[pk]["drafts"] = n
    return counts

"""Use cases of the commons. Each checks the permission with the user it is given, writes in one
transaction, records the audit entry of sensitive actions and queues the open data rebuild
when what the public sees has changed."""

from __future__ import annotations

import copy
import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.actors.models import Organisation, Person
from alliage.actors.services import person_ensure
from alliage.coalitions.models import Coalition
from alliage.core.errors import BusinessError
from alliage.core.models import User
from alliage.core.services import (
    audit_record,
    model_update,
    on_commit_once,
    permission_require,
    task_enqueue_after_commit,
)
from alliage.core.slugs import slug_unique
from alliage.core.text import one_line, one_line_fields
from alliage.core.uploads import validate_document
from alliage.notifications.services import notification_send

from . import archive, tasks
from .audit import AuditAction
from .models import (
    OpenDataArchive,
    Publication,
    PublicationFile,
    PublicationStatus,
    Resource,
    Reuse,
    ReuseStatus,
)
from .predicates import author_user_ids_forget
from .uploads import digest, safe_filename, validate_cover, validate_resource

logger = logging.getLogger(__name__)

# Paths under /library/ that are not publications.
RESERVED_SLUGS = frozenset({"new", "articles", "reuses", "feed"})
# Fields a publication form may set; relations and the cover go through their own arguments.
PUBLICATION_FIELDS = (
    "kind", "title", "slug", "summary", "body", "programme", "published_on", "licence", "status",
    "cover_alt", "temporal_start", "temporal_end", "spatial", "content_language",
)  # fmt: skip
# What a new cover or its removal changes.
COVER_FIELDS = ("cover", "cover_alt", "cover_width", "cover_height")
ARCHIVES_KEPT = 3


def _require_editor(by: User, publication: Publication) -> None:
    permission_require(
        by,
        "commons.edit_publication",
        publication,
        _("Only the programme's team can write in its library."),
    )


def publication_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A free slug for a publication (``exclude_pk``: the one being renamed keeps its own)."""
    others = Publication.objects.exclude(pk=exclude_pk) if exclude_pk else Publication.objects
    return slug_unique(
        others.all(), title, fallback="publication", reserved=RESERVED_SLUGS, max_length=100
    )


def store(
    upload: UploadedFile | File, *, folder: str, sha256: str, fallback: str, field: str = "file"
) -> str:
    """Save a file under a name derived from its content: the same file sent twice is kept
    once, and a stored file is never overwritten (earlier versions stay as they were)."""
    filename = safe_filename(upload.name or "", fallback)
    name = f"commons/{folder}/{sha256[:2]}/{sha256[2:20]}/{filename}"
    if default_storage.exists(name):
        return name
    upload.seek(0)
    try:
        return default_storage.save(name, upload)
    except OSError as error:  # a full or read-only disk: the person's error on the file (R5)
        logger.error("a file of the library could not be stored", exc_info=True)
        raise BusinessError(
            _("The file could not be stored; nothing was changed, please try again."),
            field=field,
        ) from error


def schedule_opendata_rebuild() -> None:
    """What the public sees changed: rebuild the open data archive once the change commits;
    once per transaction, however many publications it changed (the demo publishes twenty)."""
    on_commit_once("commons.opendata", lambda: task_enqueue_after_commit(tasks.opendata_rebuild))


def _set_cover(publication: Publication, cover: UploadedFile) -> None:
    kind, width, height = validate_cover(cover)
    sha, _size = digest(cover)
    publication.cover.name = store(
        cover, folder="covers", sha256=sha, fallback=f"cover.{kind}", field="cover"
    )
    publication.cover_width, publication.cover_height = width, height


def _check_publishable(publication: Publication) -> None:
    """A published publication has a date (today unless given); a cover, its description."""
    if publication.status == PublicationStatus.PUBLISHED and publication.published_on is None:
        publication.published_on = timezone.localdate()
    if publication.cover and not publication.cover_alt.strip():
        raise BusinessError(
            _("Describe the image for people who cannot see it."), field="cover_alt"
        )


def _set_relations(
    publication: Publication,
    coalitions: Iterable[Coalition] | None,
    author_organisations: Iterable[Organisation] | None,
    author_people: Iterable[Person] | None,
) -> None:
    if coalitions is not None:
        publication.coalitions.set(coalitions)
    if author_organisations is not None:
        publication.author_organisations.set(author_organisations)
    if author_people is not None:
        publication.author_people.set(author_people)
        author_user_ids_forget(publication)


@transaction.atomic
def publication_create(
    *,
    by: User,
    fields: Mapping[str, Any],
    coalitions: Iterable[Coalition] = (),
    author_organisations: Iterable[Organisation] = (),
    author_people: Iterable[Person] = (),
    cover: UploadedFile | None = None,
) -> Publication:
    """The programme team (or an administrator) writes a publication in its programme's
    library; it stays a draft, seen by the team and its authors, until it is published."""
    unknown = set(fields) - set(PUBLICATION_FIELDS)
    if unknown:
        raise BusinessError(_("These fields cannot be set here: %s") % ", ".join(sorted(unknown)))
    publication = Publication(**one_line_fields(fields, "title"))
    _require_editor(by, publication)
    publication.slug = publication.slug or publication_slug(publication.title)
    if publication.slug in RESERVED_SLUGS:
        raise BusinessError(_("This address is reserved: choose another one."), field="slug")
    if cover is not None:
        _set_cover(publication, cover)
    _check_publishable(publication)
    publication.full_clean()
    publication.save()
    _set_relations(publication, coalitions, author_organisations, author_people)
    audit_record(action=AuditAction.PUBLICATION_CREATED, by=by, target=publication)
    if publication.is_published:
        audit_record(action=AuditAction.PUBLICATION_PUBLISHED, by=by, target=publication)
        schedule_opendata_rebuild()
    return publication


@transaction.atomic
def publication_update(
    *,
    publication: Publication,
    by: User,
    fields: Mapping[str, Any],
    coalitions: Iterable[Coalition] | None = None,
    author_organisations: Iterable[Organisation] | None = None,
    author_people: Iterable[Person] | None = None,
    cover: UploadedFile | None = None,
    remove_cover: bool = False,
) -> Publication:
    """Change a publication. Its team may not hand it to a programme it does not run; every
    change of status (published, back to draft) is recorded."""
    _require_editor(by, publication)
    unknown = set(fields) - set(PUBLICATION_FIELDS)
    if unknown:
        raise BusinessError(_("These fields cannot be set here: %s") % ", ".join(sorted(unknown)))
    if "slug" in fields and not fields["slug"]:
        fields = {k: v for k, v in fields.items() if k != "slug"}  # an empty address is kept
    locked = Publication.objects.select_for_update().get(pk=publication.pk)
    was_published = locked.is_published
    # The publication as the change leaves it, checked whole before anything is written.
    draft = copy.deepcopy(locked)
    for name, value in one_line_fields(fields, "title").items():
        setattr(draft, name, value)
    _require_editor(by, draft)  # the programme it moves to must be the editor's too
    if draft.slug in RESERVED_SLUGS:
        raise BusinessError(_("This address is reserved: choose another one."), field="slug")
    if remove_cover:
        draft.cover, draft.cover_alt = "", ""
        draft.cover_width = draft.cover_height = None
    if cover is not None:
        _set_cover(draft, cover)
    _check_publishable(draft)
    draft.full_clean()
    written = model_update(
        instance=locked,
        data={name: getattr(draft, name) for name in (*fields, *COVER_FIELDS, "published_on")},
    )
    changed = sorted(name for name in written if name in fields)
    if remove_cover:
        changed.append("cover")
    if cover is not None:
        changed.append("cover")
    _set_relations(locked, coalitions, author_organisations, author_people)
    if changed:
        audit_record(action=AuditAction.PUBLICATION_CHANGED, by=by, target=locked, fields=changed)
    if locked.is_published != was_published:
        audit_record(
            action=AuditAction.PUBLICATION_PUBLISHED
            if locked.is_published
            else AuditAction.PUBLICATION_UNPUBLISHED,
            by=by,
            target=locked,
        )
    if locked.is_published or was_published:
        schedule_opendata_rebuild()
    return locked


@transaction.atomic
def publication_file_add(
    *,
    publication: Publication,
    by: User,
    upload: UploadedFile,
    label: str = "",
    replaces: PublicationFile | None = None,
    note: str = "",
) -> PublicationFile:
    """Add a file, or a new version of one (same name, next number): earlier versions are
    kept and stay downloadable, so a link to them never breaks."""
    _require_editor(by, publication)
    file_format = validate_document(upload)
    if replaces is not None and replaces.publication_id != publication.pk:
        raise BusinessError(_("This file belongs to another publication."), field="replaces")
    Publication.objects.select_for_update().get(pk=publication.pk)  # numbers versions in turn
    label = (replaces.label if replaces else label.strip()) or upload.name.rsplit(".", 1)[0]
    label = label[:200]
    last = publication.files.filter(label=label).aggregate(last=Max("version"))["last"]
    sha, size = digest(upload)
    added = PublicationFile.objects.create(
        publication=publication,
        label=label,
        version=(last or 0) + 1,
        file=store(upload, folder="files", sha256=sha, fallback=f"document.{file_format}"),
        format=file_format,
        byte_size=size,
        sha256=sha,
        note=note.strip()[:300],
        uploaded_by=by if by.is_authenticated else None,
    )
    audit_record(
        action=AuditAction.PUBLICATION_FILE_ADDED,
        by=by,
        target=publication,
        file=label,
        version=added.version,
    )
    return added


@transaction.atomic
def resource_add(
    *,
    publication: Publication,
    by: User,
    title: str,
    upload: UploadedFile | None = None,
    url: str = "",
    file_format: str = "",
    description: str = "",
) -> Resource:
    """Add a resource to a dataset: an uploaded file, whose format is read from its content and
    whose size and SHA-256 are computed here, or a link to data hosted elsewhere."""
    _require_editor(by, publication)
    if not publication.is_dataset:
        raise BusinessError(_("Only datasets have resources."))
    title = one_line(title)
    if (upload is None) == (not url):
        raise BusinessError(_("Send a file or give a link, not both."), field="file")
    Publication.objects.select_for_update().get(pk=publication.pk)
    resource = Resource(
        publication=publication,
        title=title.strip()[:200],
        description=description.strip(),
        position=publication.resources.count(),
    )
    if upload is not None:
        resource.format = validate_resource(upload)
        resource.sha256, resource.byte_size = digest(upload)
        resource.file.name = store(
            upload, folder="resources", sha256=resource.sha256, fallback=f"data.{resource.format}"
        )
    else:
        resource.url = url
        resource.format = (file_format or "html").strip().lower()[:20]
    try:
        resource.full_clean()
    except ValidationError as error:
        field = next(iter(getattr(error, "error_dict", {})), None)
        raise BusinessError(" ".join(error.messages), field=field) from error
    resource.save()
    audit_record(
        action=AuditAction.DATASET_RESOURCE_ADDED, by=by, target=publication, resource=resource.pk
    )
    if publication.is_published:
        schedule_opendata_rebuild()
    return resource


@transaction.atomic
def reuse_declare(
    *, publication: Publication, by: User, title: str, url: str, kind: str, description: str = ""
) -> Reuse:
    """A signed-in person says they reused a published publication; the reuse shows once the
    programme team has checked it. A link is declared once per publication."""
    permission_require(
        by, "commons.declare_reuse", publication, _("Sign in to declare a reuse of a publication.")
    )
    if not publication.is_published:
        raise BusinessError(_("Only a published publication can be reused."))
    title = one_line(title)
    try:
        with transaction.atomic():
            reuse = Reuse.objects.create(
                publication=publication,
                title=title,
                url=url,
                kind=kind,
                description=description,
                declared_by=person_ensure(user=by),
            )
    except IntegrityError as duplicate:
        raise BusinessError(
            _("This reuse has already been declared for this publication."), field="url"
        ) from duplicate
    audit_record(action=AuditAction.REUSE_DECLARED, by=by, target=reuse, publication=publication.pk)
    notification_send(
        kind=REUSE_DECLARED,
        recipients=User.objects.filter(
            pk__in=publication.author_people.values("user"), is_active=True
        ),
        url=publication.get_absolute_url(),
        context={"publication": publication.title, "reuse": title},
        by=by,
    )
    return reuse


REUSE_DECLARED = "commons.reuse_declared"  # a notification kind, declared in hooks.py


@transaction.atomic
def reuse_moderate(*, reuse: Reuse, by: User, decision: str, note: str = "") -> Reuse:
    """The programme team publishes or refuses a declared reuse; deciding again what is
    already decided changes nothing. Published reuses show on the publication's page."""
    permission_require(
        by, "commons.moderate_reuse", reuse, _("Only the programme's team moderates reuses.")
    )
    if decision not in (ReuseStatus.PUBLISHED, ReuseStatus.REFUSED):
        raise BusinessError(_("Publish or refuse the reuse."), field="decision")
    locked = Reuse.objects.select_for_update().select_related("publication").get(pk=reuse.pk)
    if locked.status == decision:
        return locked
    previous = locked.status
    locked.status = decision
    locked.moderated_by = by
    locked.moderated_at = timezone.now()
    locked.moderation_note = note.strip()[:300]
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError as duplicate:  # a refused duplicate cannot come back
        raise BusinessError(
            _("Another declaration of this link is already published or pending.")
        ) from duplicate
    audit_record(
        action=(
            AuditAction.REUSE_PUBLISHED
            if decision == ReuseStatus.PUBLISHED
            else AuditAction.REUSE_REFUSED
        ),
        by=by,
        target=locked,
        previous=previous,
    )
    if ReuseStatus.PUBLISHED in (decision, previous):
        schedule_opendata_rebuild()
    return locked


@transaction.atomic
def publication_set_hidden(*, publication: Publication, hidden: bool) -> Publication:
    """Moderation's lever on a published publication: hidden, it goes back to draft (off
    the library, the feeds and the open data; its team sees it still); shown again, it is
    published. Moderation checks who decides, records why and tells its authors."""
    locked = Publication.objects.select_for_update().get(pk=publication.pk)
    status = PublicationStatus.DRAFT if hidden else PublicationStatus.PUBLISHED
    if locked.status != status:
        locked.status = status
        if status == PublicationStatus.PUBLISHED and locked.published_on is None:
            locked.published_on = timezone.localdate()
        locked.save(update_fields=["status", "published_on", "updated_at"])
        schedule_opendata_rebuild()
    publication.status = status
    return locked


@transaction.atomic
def reuse_set_hidden(*, reuse: Reuse, hidden: bool) -> Reuse:
    """Moderation's lever on a published reuse: hidden, it is refused (off the publication's
    page and the open data); shown again, published. Moderation checks who decides, records
    why and tells the declarer."""
    locked = Reuse.objects.select_for_update().get(pk=reuse.pk)
    status = ReuseStatus.REFUSED if hidden else ReuseStatus.PUBLISHED
    if locked.status != status:
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
        schedule_opendata_rebuild()
    reuse.status = status
    return locked


def opendata_build(*, by: User | None = None, now: dt.datetime | None = None) -> OpenDataArchive:
    """Build the archive of the platform's open data from every registered exporter, keep it
    with its manifest, and drop the oldest ones. ``by`` is None when the system runs it."""
    if by is not None:
        permission_require(by, "commons.build_opendata", None)
    now = now or timezone.now()
    with archive.build(now=now) as built:
        name = default_storage.save(
            f"opendata/alliage-opendata-{now:%Y%m%dT%H%M%S}-{built.sha256[:8]}.zip",
            File(built.file, name="archive.zip"),
        )
    with transaction.atomic():
        created = OpenDataArchive.objects.create(
            generated_at=now,
            file=name,
            byte_size=built.byte_size,
            sha256=built.sha256,
            manifest=built.manifest,
        )
        old = list(OpenDataArchive.objects.order_by("-generated_at", "-id")[ARCHIVES_KEPT:])
        OpenDataArchive.objects.filter(pk__in=[a.pk for a in old]).delete()
        if by is not None:
            audit_record(action=AuditAction.OPENDATA_BUILT, by=by, target=created)
    for stale in old:
        transaction.on_commit(lambda path=stale.file.name: default_storage.delete(path))
    return created


@transaction.atomic
def opendata_request_build(*, by: User) -> None:
    """The team asks for a fresh archive now; the task queue builds it."""
    permission_require(
        by, "commons.build_opendata", None, _("Only a programme team can rebuild the archive.")
    )
    audit_record(action=AuditAction.OPENDATA_REBUILD_REQUESTED, by=by)
    task_enqueue_after_commit(tasks.opendata_rebuild)

"""Use cases of Self Data: consents with dated receipts, the export of everything Alliage holds
about a person, the erasure of an account, and the flagging of inactive accounts."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alliage.actors.models import Person
from alliage.actors.services import person_ensure, person_set_consent_flags
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import User
from alliage.core.personal_data import personal_data_entries
from alliage.core.search import search_indexes_purge
from alliage.core.services import audit_record, task_enqueue_after_commit
from alliage.core.storage import open_once, storage_walk
from alliage.matching.services import person_index_erase

from .archive import archive_write
from .audit import AuditAction
from .consents import BY_CODE, INITIAL_TEXT, PURPOSES, PurposeText
from .models import (
    ConsentReceipt,
    DataExport,
    ExportStatus,
    InactivityFlag,
    ReceiptSource,
    export_stale_after,
)
from .selectors import consent_granted, latest_receipts
from .tasks import export_build_task

EXPORT_SALT = "alliage.selfdata.export"
logger = logging.getLogger(__name__)


# Consents ---------------------------------------------------------------------------------


def _consent_subject(
    *, user: User, by: User, purpose: str
) -> tuple[PurposeText, Person, ConsentReceipt | None]:
    """The purpose's current text, the person (locked) and their latest receipt for it; only
    the person may change their consents."""
    if by.pk != user.pk:
        raise PermissionRefused(_("Only the person concerned may change their consents."))
    purpose_text = BY_CODE.get(purpose)
    if purpose_text is None:
        raise BusinessError(_("Unknown purpose."), field="purpose")
    person = Person.objects.select_for_update().get(pk=person_ensure(user=user).pk)
    return purpose_text, person, latest_receipts(person=person).get(purpose)


def _receipt_write(*, person: Person, purpose_text: PurposeText, granted: bool) -> ConsentReceipt:
    """A dated receipt of the choice, with the version and the words of the text shown, in
    the language it was shown in."""
    return ConsentReceipt.objects.create(
        person=person,
        purpose=purpose_text.code,
        granted=granted,
        text_version=purpose_text.version,
        text=str(purpose_text.text),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        source=ReceiptSource.FORM,
    )


@transaction.atomic
def consent_set(*, user: User, by: User, purpose: str, granted: bool) -> ConsentReceipt | None:
    """Grant or withdraw one consent. Only the person may; each change leaves a dated receipt
    with the version and the words of the text, and takes effect at once: the flag that
    mirrors it (directory, contact form, matching engine) changes in the same transaction.
    Asking for the state already in force changes nothing and returns None."""
    purpose_text, person, latest = _consent_subject(user=user, by=by, purpose=purpose)
    if consent_granted(person=person, purpose=purpose_text, latest=latest) == granted:
        return None
    receipt = _receipt_write(person=person, purpose_text=purpose_text, granted=granted)
    if purpose_text.flag is not None:
        person_set_consent_flags(person=person, by=by, **{purpose_text.flag: granted})
    audit_record(
        action=AuditAction.CONSENT_GRANTED if granted else AuditAction.CONSENT_WITHDRAWN,
        by=by,
        target=user,
        purpose=purpose,
        version=purpose_text.version,
    )
    return receipt


@transaction.atomic
def consent_confirm(*, user: User, by: User, purpose: str) -> ConsentReceipt | None:
    """Keep a consent given under an earlier version of its text: the person read the current
    text and agrees to it, which leaves a new receipt with its version and words (the consent
    was on and stays on: no flag changes). Only the person may. A consent that is off, or
    already given under the current version, changes nothing and returns None."""
    purpose_text, person, latest = _consent_subject(user=user, by=by, purpose=purpose)
    if not consent_granted(person=person, purpose=purpose_text, latest=latest) or (
        latest is not None and latest.text_version >= purpose_text.version
    ):
        return None
    receipt = _receipt_write(person=person, purpose_text=purpose_text, granted=True)
    audit_record(
        action=AuditAction.CONSENT_GRANTED,
        by=by,
        target=user,
        purpose=purpose,
        version=purpose_text.version,
        confirmed=True,
    )
    return receipt


@transaction.atomic
def consent_receipts_from_flags() -> int:
    """People whose flags were set before consents had their own page (the demo, accounts
    older than this app) get a receipt for each flag that is on, dated now, version 0, so
    that every consent in force has a receipt. Idempotent."""
    made = []
    people = Person.objects.filter(
        Q(is_listed=True) | Q(is_suggestable=True) | Q(is_contactable=True)
    )
    has_receipt = set(
        ConsentReceipt.objects.filter(person__isnull=False).values_list("person_id", "purpose")
    )
    now = timezone.now()
    for person in people.only("pk", "is_listed", "is_suggestable", "is_contactable"):
        for purpose in PURPOSES:
            if (
                purpose.flag is not None
                and getattr(person, purpose.flag)
                and (person.pk, purpose.code) not in has_receipt
            ):
                made.append(
                    ConsentReceipt(
                        person=person,
                        purpose=purpose.code,
                        granted=True,
                        text_version=0,
                        text=INITIAL_TEXT,
                        language="en",
                        source=ReceiptSource.INITIAL,
                        at=now,
                    )
                )
    ConsentReceipt.objects.bulk_create(made)
    return len(made)


# Export -----------------------------------------------------------------------------------


def export_dir() -> Path:
    """Where this server builds an archive before it is stored (on the local disk, whatever
    the storage): a zip is written with seeks, which an object store does not offer."""
    path = Path(settings.ALLIAGE_EXPORT_DIR)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def export_storage() -> Storage:
    """Where ready archives wait for their download: the ``exports`` storage (by default
    the same directory as :func:`export_dir`; a bucket's ``exports/`` prefix with
    ALLIAGE_STORAGE_URL), shared by every server."""
    return storages["exports"]


def export_ttl() -> dt.timedelta:
    return dt.timedelta(hours=int(getattr(settings, "ALLIAGE_EXPORT_TTL_HOURS", 24)))


EXPORTS_PER_DAY = 5


@transaction.atomic
def export_request(*, user: User, by: User) -> DataExport:
    """A person asks for the archive of their data; the task queue builds it. An archive
    already being prepared is returned as it is; a new request replaces a ready one. A few
    requests a day at most, since each reads everything about the person."""
    if by.pk != user.pk:
        raise PermissionRefused(_("Only the person concerned may export their data."))
    User.objects.select_for_update().filter(pk=user.pk).first()
    pending = DataExport.objects.filter(user=user, status=ExportStatus.PENDING).first()
    if pending is not None and not pending.is_stuck:
        return pending
    if pending is not None:  # its build was lost: it fails, and a new one is asked for
        pending.status = ExportStatus.FAILED
        pending.save(update_fields=["status"])
    since = timezone.now() - dt.timedelta(days=1)
    if DataExport.objects.filter(user=user, requested_at__gte=since).count() >= EXPORTS_PER_DAY:
        raise BusinessError(
            _("You have asked for %(n)s archives in the last 24 hours: try again tomorrow.")
            % {"n": EXPORTS_PER_DAY}
        )
    for old in DataExport.objects.filter(user=user, status=ExportStatus.READY):
        _export_expire(old)
    export = DataExport.objects.create(user=user)
    audit_record(action=AuditAction.SELFDATA_EXPORT_REQUESTED, by=by, target=user)
    task_enqueue_after_commit(export_build_task, export_id=export.pk)
    return export


def export_build(*, export_id: int) -> DataExport | None:
    """Write the archive (called by the task, in the requester's language). Safe to run
    again after a worker died in the middle: the archive is written under a temporary name
    on this server's disk (what an earlier run left is deleted first), stored in the exports
    storage once complete, and kept only if the export is still being prepared when it is
    done; otherwise it is deleted (what a death between the two leaves, the sweep of
    :func:`exports_recover` deletes)."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != ExportStatus.PENDING:
        return None
    directory = export_dir()
    for leftover in directory.glob(f".{export.pk}.*.part"):
        leftover.unlink(missing_ok=True)
    part = directory / f".{export.pk}.{uuid.uuid4().hex}.part"
    file_name = f"{uuid.uuid4().hex}.zip"
    storage = export_storage()
    try:
        part.touch(mode=0o600)
        size = archive_write(user=export.user, path=part)
        with part.open("rb") as content:
            file_name = storage.save(file_name, File(content, name=file_name))
    except Exception:
        DataExport.objects.filter(pk=export.pk, status=ExportStatus.PENDING).update(
            status=ExportStatus.FAILED
        )
        raise
    finally:
        part.unlink(missing_ok=True)
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .filter(pk=export.pk, status=ExportStatus.PENDING)
            .first()
        )
        if export is None:  # given up as stale, erased, or built by another run meanwhile
            storage.delete(file_name)
            return None
        now = timezone.now()
        export.status = ExportStatus.READY
        export.file_name = file_name
        export.size = size
        export.ready_at = now
        export.expires_at = now + export_ttl()
        export.save(update_fields=["status", "file_name", "size", "ready_at", "expires_at"])
    return export


def export_token(export: DataExport) -> str:
    """The signed part of the download link: it names the archive and its owner, and expires
    with the archive."""
    return signing.dumps({"export": export.pk, "user": export.user_id}, salt=EXPORT_SALT)


@transaction.atomic
def export_open(*, token: str, by: User) -> tuple[IO[bytes], str]:
    """Open a ready archive for its owner, once: the file leaves the storage as the download
    starts on disk (the open handle still reads it), as it ends in a bucket
    (``core.storage.open_once``), and the download is audited as an export.
    Anything else (an expired or forged link, someone else's archive, a second use) is
    refused."""
    refused = BusinessError(_("This download link is no longer valid: ask for a new archive."))
    try:
        claim = signing.loads(token, salt=EXPORT_SALT, max_age=export_ttl())
    except signing.BadSignature as bad:
        raise refused from bad
    if not isinstance(claim, dict) or claim.get("user") != by.pk:
        raise refused
    export = (
        DataExport.objects.select_for_update()
        .filter(pk=claim.get("export"), user=by, status=ExportStatus.READY)
        .first()
    )
    if export is None or not export.is_live:
        raise refused
    try:
        handle = open_once(export_storage(), export.file_name)
    except FileNotFoundError as missing:
        raise refused from missing
    export.status = ExportStatus.DOWNLOADED
    export.downloaded_at = timezone.now()
    export.file_name = ""
    export.save(update_fields=["status", "downloaded_at", "file_name"])
    audit_record(action=AuditAction.SELFDATA_EXPORT_DOWNLOADED, by=by, target=by, size=export.size)
    name = f"alliage-{timezone.localdate():%Y-%m-%d}-{by.pk}.zip"
    return handle, name


def _export_expire(export: DataExport) -> None:
    if export.file_name:
        export_storage().delete(export.file_name)
    export.status = ExportStatus.EXPIRED
    export.file_name = ""
    export.save(update_fields=["status", "file_name"])


@transaction.atomic
def exports_purge(*, now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Delete the files of expired archives, and the records of archives older than a day
    (the day's records count the requests against the daily limit). Returns the files
    deleted (or that would be)."""
    now = now or timezone.now()
    expired = DataExport.objects.filter(status=ExportStatus.READY, expires_at__lte=now)
    if dry_run:
        return expired.count()
    count = 0
    for export in expired:
        _export_expire(export)
        count += 1
    DataExport.objects.filter(requested_at__lte=now - dt.timedelta(days=1)).exclude(
        status__in=(ExportStatus.PENDING, ExportStatus.READY)
    ).delete()
    return count


def exports_recover(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """What a dead worker leaves behind: archives still "being prepared" long after they
    were asked for are marked failed (the page then offers to ask again), and files under
    the exports storage that no export refers to (a partial archive, one stored just
    before its worker died) are deleted once older than a build can last, in the exports
    storage and in this server's build directory. Idempotent; the worker runs it every
    minute and ``purge_exports`` every hour. Returns (failed, deleted)."""
    now = now or timezone.now()
    stale_after = export_stale_after()
    failed = DataExport.objects.filter(
        status=ExportStatus.PENDING, requested_at__lt=now - stale_after
    ).update(status=ExportStatus.FAILED)
    referenced = set(DataExport.objects.exclude(file_name="").values_list("file_name", flat=True))
    deleted = 0
    storage = export_storage()
    for name, modified in list(storage_walk(storage)):
        if name in referenced or "/" in name or not name.endswith((".zip", ".part")):
            continue
        if modified > now - stale_after:
            continue
        storage.delete(name)
        deleted += 1
    for path in export_dir().iterdir():
        if path.name in referenced or not path.name.endswith((".zip", ".part")):
            continue
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        young = dt.datetime.fromtimestamp(stat.st_mtime, tz=dt.UTC) > now - stale_after
        if young or not path.is_file():
            continue
        path.unlink(missing_ok=True)
        deleted += 1
    return failed, deleted


# Erasure ----------------------------------------------------------------------------------


@transaction.atomic
def account_erase(*, user: User, by: User | None, password: str | None = None) -> None:
    """Erase an account. The person does it themselves, confirming with their password; a
    superuser may do it for them (a request by letter, an account long inactive), and so may
    the operator with the ``erase_account`` command (``by`` None).

    Every app's eraser runs, the apps above first and core last: personal data is deleted;
    contributions that must remain (submitted proposals, reviews and scores, canvas history,
    measurements and assessments, authorship) stay attached to the account, which is kept as
    an anonymous row that can no longer log in."""
    by_self = by is not None and by.pk == user.pk
    if by_self:
        if not password or not user.check_password(password):
            raise BusinessError(_("The password is not right."), field="password")
    elif by is not None and not by.is_superuser:
        raise PermissionRefused(_("Only the person concerned may erase their account."))
    if user.is_erased:
        raise BusinessError(_("This account is already erased."))
    locked = User.objects.select_for_update().get(pk=user.pk)
    person = Person.objects.filter(user=locked).first()
    if person is not None:
        person_index_erase(person=person)
    for entry in reversed(personal_data_entries()):
        if entry.erase is not None:
            entry.erase(locked)
    search_indexes_purge()  # no word of the person left in the search indexes' old segments
    audit_record(action=AuditAction.ACCOUNT_ERASED, by=None if by_self else by, target=locked)
    transaction.on_commit(_sqlite_forget_old_pages, robust=True)
    user.refresh_from_db()


def _sqlite_forget_old_pages() -> None:
    """On SQLite, the previous versions of the pages an erasure rewrote stay in the
    write-ahead log until a checkpoint: copy the log into the database now and empty it.
    ``secure_delete`` (settings) has zeroed what the erasure deleted in the pages themselves.
    Best effort: a busy database leaves the log to the next automatic checkpoint."""
    if connection.vendor != "sqlite":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy = cursor.fetchone()[0]
    except DatabaseError:
        logger.warning("The write-ahead log could not be emptied after an erasure.", exc_info=True)
        return
    if busy:
        logger.warning("The write-ahead log was busy and not emptied after an erasure.")


def selfdata_erase(user: User) -> None:
    """Self Data's own part of an erasure: archives deleted, consent receipts detached from
    the person (they remain as anonymous statistics), the inactivity flag dropped, and the
    details of audit entries about the person emptied."""
    from alliage.core.models import AuditEntry

    for export in DataExport.objects.filter(user=user):
        _export_expire(export)
    DataExport.objects.filter(user=user).delete()
    InactivityFlag.objects.filter(user=user).delete()
    person = Person.objects.filter(user=user).first()
    if person is None:
        return
    ConsentReceipt.objects.filter(person=person).update(person=None)
    AuditEntry.objects.filter(
        Q(target_type="actors.person", target_id=str(person.pk)) | Q(data__person=person.pk)
    ).update(data={})


# Inactive accounts ------------------------------------------------------------------------


def inactive_after() -> dt.timedelta:
    return dt.timedelta(days=int(getattr(settings, "ALLIAGE_INACTIVE_AFTER_DAYS", 730)))


@transaction.atomic
def accounts_flag_inactive(
    *, now: dt.datetime | None = None, dry_run: bool = False
) -> tuple[list[User], int]:
    """Flag the active accounts nobody has logged in to for ALLIAGE_INACTIVE_AFTER_DAYS (or,
    never logged in, created that long ago) so that the team can ask the people whether to
    keep them; unflag those who came back. Returns the newly flagged and the unflagged count."""
    now = now or timezone.now()
    cutoff = now - inactive_after()
    candidates = list(
        User.objects.filter(is_active=True, inactivity_flag__isnull=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .order_by("pk")
    )
    returned = InactivityFlag.objects.filter(
        Q(user__last_login__gte=cutoff) | Q(user__is_active=False)
    )
    if dry_run:
        return candidates, returned.count()
    unflagged, _by_model = returned.delete()
    InactivityFlag.objects.bulk_create(
        InactivityFlag(user=user, flagged_at=now, last_seen=user.last_login or user.date_joined)
        for user in candidates
    )
    for user in candidates:
        audit_record(action=AuditAction.ACCOUNT_FLAGGED_INACTIVE, by=None, target=user)
    return candidates, unflagged

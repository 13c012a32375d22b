"""Uploaded files are checked by their content, not their name, and by their size; office
files by their zip structure and what they unpack to, PDFs for active content. Stored files
get names that carry nothing of the person (``stored_name``); the name the person gave is
kept apart, for the download (``display_name``)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from .storage import storage_delete, storage_walk

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Zip-based office files: what they may unpack to (a 1 MB file inflating to 1 GiB is a bomb).
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100  # uncompressed / compressed, for the archive and for any large entry
MAX_ZIP_ENTRIES = 10_000
_RATIO_FLOOR = 1024 * 1024  # an entry smaller than this unpacked is never a bomb by itself
# What an office document never holds: web pages, scripts, programs, Office macros.
_FOREIGN_ENTRY = re.compile(
    r"(\.(html?|xhtml|js|mjs|exe|dll|com|scr|bat|cmd|vbs|ps1|sh|jar|msi|hta)$)|vbaProject\.bin$",
    re.IGNORECASE,
)
_OOXML_TOP = ("[Content_Types].xml", "_rels/", "docProps/", "customXml/")

# Magic numbers of the formats we accept, with the extension the file must then carry.
_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
)
_ZIP_FORMATS = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_OOXML = {"word/": "docx", "ppt/": "pptx", "xl/": "xlsx"}


def _check_unzipped_size(archive: zipfile.ZipFile, packed: int) -> None:
    """Refuse a zip bomb: too many entries, too much data once unpacked, or data compressed
    beyond what documents ever are. The sizes are those the archive declares, which bound
    what an extractor writes (Python's stops at the declared size and checks the CRC)."""
    entries = archive.infolist()
    total = sum(entry.file_size for entry in entries)
    ratio_of = lambda entry: entry.file_size / max(entry.compress_size, 1)  # noqa: E731
    if (
        len(entries) > MAX_ZIP_ENTRIES
        or total > MAX_UNZIPPED_BYTES
        or (total > _RATIO_FLOOR and total / max(packed, 1) > MAX_ZIP_RATIO)
        or any(e.file_size > _RATIO_FLOOR and ratio_of(e) > MAX_ZIP_RATIO for e in entries)
    ):
        raise ValidationError(
            _(
                "This document unpacks to far more data than a document holds "
                "(%(size)s MB): it is refused."
            )
            % {"size": round(total / 1024 / 1024)}
        )


def _office_kind(archive: zipfile.ZipFile) -> str | None:
    """The office format whose structure the archive has, or None: an OpenDocument file
    starts with its ``mimetype`` entry and has a manifest; an Office Open XML file has its
    ``[Content_Types].xml`` and only its own folders. Neither holds web pages, scripts,
    programs or macros."""
    names = archive.namelist()
    if any(_FOREIGN_ENTRY.search(name) for name in names):
        return None
    if names and names[0] == "mimetype":
        if "META-INF/manifest.xml" not in names:
            return None
        with archive.open("mimetype") as declared:
            return _ZIP_FORMATS.get(declared.read(100).decode(errors="ignore").strip())
    if "[Content_Types].xml" not in names:
        return None
    kinds = {kind for prefix, kind in _OOXML.items() if any(n.startswith(prefix) for n in names)}
    if len(kinds) != 1:
        return None
    allowed = (*_OOXML_TOP, *_OOXML)
    if not all(name.startswith(allowed) for name in names):
        return None
    return kinds.pop()


def sniff(upload: UploadedFile) -> str | None:
    """The file's real format from its first bytes (and, for office files, their zip
    structure); a zip bomb is a ValidationError."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                _check_unzipped_size(archive, upload.size or 1)
                return _office_kind(archive)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError):
            return None  # encrypted, unknown compression or damaged: not a document we take
        finally:
            upload.seek(0)
    return None


# What makes a PDF act when it is opened: scripts, launching programs, embedded files, forms
# that send data, rich media.
_ACTIVE_KEYS = frozenset(
    ("/JS", "/JavaScript", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA")
)
_ACTIVE_ACTIONS = frozenset(
    ("/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute", "/Rendition")
)
_ACTIVE_TOKENS = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b")
_MAX_PDF_OBJECTS = 100_000


def _pdf_objects(reader: Any) -> Iterator[Any]:
    """Every indirect object of the PDF, those inside object streams included."""
    seen = 0
    for generation in reader.xref.values():
        for number in generation:
            seen += 1
            if seen > _MAX_PDF_OBJECTS:
                return
            yield reader.get_object(number)
    for number in getattr(reader, "xref_objStm", {}):
        seen += 1
        if seen > _MAX_PDF_OBJECTS:
            return
        yield reader.get_object(number)


def _is_active(obj: Any, dictionary: type, array: type, depth: int = 0) -> bool:
    """Whether an object, or a dictionary or array written inside it (not those it refers
    to, which are objects of their own), makes the PDF act."""
    if depth > 32:
        return False
    if isinstance(obj, dictionary):
        if _ACTIVE_KEYS.intersection(obj.keys()) or obj.get("/S") in _ACTIVE_ACTIONS:
            return True
        if obj.get("/Type") == "/Filespec" and "/EF" in obj:
            return True
        values = obj.values()
    elif isinstance(obj, array):
        values = obj
    else:
        return False
    return any(_is_active(value, dictionary, array, depth + 1) for value in values)


def pdf_has_active_content(upload: UploadedFile) -> bool:
    """Whether a PDF holds what acts when it is opened (JavaScript, ``/OpenAction`` or
    ``/AA`` running a script, ``/Launch``, embedded files, XFA forms, rich media). Such a PDF
    is accepted but flagged, so that readers open it with care. A PDF that cannot be parsed
    (encrypted, damaged) is flagged on the tokens of its raw bytes, or flagged if encrypted."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    from pypdf.generic import ArrayObject, DictionaryObject

    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            return True
        return any(_is_active(obj, DictionaryObject, ArrayObject) for obj in _pdf_objects(reader))
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError):
        upload.seek(0)
        return bool(_ACTIVE_TOKENS.search(upload.read()))
    finally:
        upload.seek(0)


def stored_name(filename: str, kind: str | None = None) -> str:
    """A name to store a file under that says nothing of the person who sent it (people name
    files after themselves: "CV-Dorazed-Erasmarkova.pdf"): random, with the format's
    extension."""
    extension = kind or (filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin")
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:10] or "bin"
    return f"{secrets.token_hex(12)}.{extension}"


def display_name(filename: str, *, max_length: int = 150) -> str:
    """The name the person gave the file, kept for the download (Content-Disposition): no
    folders, no control characters, at most ``max_length`` characters with its extension."""
    base = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip() or "file"
    if len(base) > max_length:
        stem, dot, extension = base.rpartition(".")
        if dot and len(extension) <= 10:
            base = f"{stem[: max_length - len(extension) - 1]}.{extension}"
        else:
            base = base[:max_length]
    return base


def delete_after_commit(storage: Storage, *names: str) -> None:
    """Delete stored files once the transaction commits (never for a rolled-back change,
    whose row still points to them); a file already gone is no error."""

    def delete() -> None:
        for name in names:
            if not name:
                continue
            try:
                storage.delete(name)
            except OSError:
                logger.warning("could not delete the replaced file %s", name, exc_info=True)

    transaction.on_commit(delete)


def validate_document(upload: UploadedFile) -> str:
    """Accept PDF, OpenDocument, Office and PNG/JPEG files up to 10 MB; return the format."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB): 10 MB at most.")
            % {"size": round(upload.size / 1024 / 1024, 1)}
        )
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(
            _(
                "This file type is not accepted: send a PDF, an OpenDocument or Office file, "
                "or a PNG or JPEG image."
            )
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension.replace("jpeg", "jpg") != kind:
        raise ValidationError(
            _("The file's name says “%(ext)s” but its content is %(kind)s.")
            % {"ext": extension or "?", "kind": kind.upper()}
        )
    return kind


def referenced_files() -> set[str]:
    """Every name a FileField of any model points to."""
    from django.apps import apps
    from django.db import models

    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names.update(
                    model._default_manager.exclude(**{field.attname: ""})
                    .exclude(**{f"{field.attname}__isnull": True})
                    .values_list(field.attname, flat=True)
                    .distinct()
                )
    return names


def orphan_files(*, storage: Storage | None = None, older_than: dt.timedelta) -> list[str]:
    """The files of ``storage`` (the default: uploads) that no FileField points to, last
    changed more than ``older_than`` ago (a file just written belongs to a transaction that
    has not committed yet), as names relative to the storage, sorted. Read from one walk of
    the directory or one listing of the bucket."""
    from django.core.files.storage import default_storage

    storage = default_storage if storage is None else storage
    referenced = referenced_files()
    limit = dt.datetime.now(tz=dt.UTC) - older_than
    return sorted(
        name
        for name, modified in storage_walk(storage)
        if name not in referenced and modified < limit
    )


def orphan_files_purge(
    *, dry_run: bool = False, older_than: dt.timedelta | None = None
) -> list[str]:
    """Delete the stored files nothing points to any more (replaced before they were deleted
    at once, left by a rolled-back save or a crash, or by an erasure of older days), and on
    disk the folders they leave empty; returns their names. ``dry_run`` only lists them."""
    from django.core.files.storage import default_storage

    names = orphan_files(
        storage=default_storage,
        older_than=dt.timedelta(hours=1) if older_than is None else older_than,
    )
    if dry_run:
        return names
    for name in names:
        storage_delete(default_storage, name)
    return names

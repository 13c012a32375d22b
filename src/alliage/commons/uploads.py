"""Files of the commons, checked by their content and their size: cover images, the formats a
dataset's resources may take (the documents core accepts, plus CSV and JSON text), and the
SHA-256 that lets re-users check what they downloaded."""

from __future__ import annotations

import codecs
import hashlib
import json
import struct

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from alliage.core.uploads import sniff

MAX_COVER_BYTES = 5 * 1024 * 1024
MAX_RESOURCE_BYTES = 25 * 1024 * 1024
TEXT_FORMATS = ("csv", "tsv", "json", "geojson")
_HEAD = 64 * 1024

MEDIA_TYPES = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/json",
    "geojson": "application/geo+json",
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _megabytes(size: int) -> float:
    return round(size / 1024 / 1024, 1)


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def digest(upload: UploadedFile) -> tuple[str, int]:
    """The file's SHA-256 (hex) and size, read in chunks."""
    sha = hashlib.sha256()
    size = 0
    upload.seek(0)
    for chunk in upload.chunks():
        sha.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return sha.hexdigest(), size


def safe_filename(name: str, fallback: str) -> str:
    """A storable name that keeps the extension, or ``fallback`` if nothing usable is left."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    try:
        clean = get_valid_filename(base)
    except SuspiciousFileOperation:  # names like ".." or ""
        return fallback
    if len(clean) > 80:
        stem, _dot, ext = clean.rpartition(".")
        clean = f"{stem[: 79 - len(ext)]}.{ext}" if stem and len(ext) <= 10 else clean[:80]
    return clean


def image_size(head: bytes, kind: str) -> tuple[int, int] | None:
    """Width and height read from a PNG or JPEG header; None if the header is not sound."""
    if kind == "png":
        if len(head) < 24 or head[12:16] != b"IHDR":
            return None
        width, height = struct.unpack(">II", head[16:24])
        return (width, height) if width and height else None
    # JPEG: walk the segments up to the first start-of-frame marker.
    i = 2
    while i + 9 < len(head):
        if head[i] != 0xFF:
            return None
        marker = head[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        (length,) = struct.unpack(">H", head[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", head[i + 5 : i + 9])
            return (width, height) if width and height else None
        if length < 2:
            return None
        i += 2 + length
    return None


def validate_cover(upload: UploadedFile) -> tuple[str, int, int]:
    """A PNG or JPEG image of 5 MB at most whose header gives its size; returns the format,
    the width and the height."""
    if upload.size > MAX_COVER_BYTES:
        raise ValidationError(
            _("The image is too large (%(size)s MB): 5 MB at most.")
            % {"size": _megabytes(upload.size)}
        )
    kind = sniff(upload)
    if kind not in ("png", "jpg"):
        raise ValidationError(_("The cover must be a PNG or JPEG image."))
    upload.seek(0)
    head = upload.read(512 * 1024)
    upload.seek(0)
    size = image_size(head, kind)
    if size is None:
        raise ValidationError(_("This image is damaged: its size cannot be read."))
    return kind, *size


def _is_text(head: bytes, complete: bool) -> bool:
    """UTF-8 text (a multi-byte character may be cut at the end of a partial read) or a
    Windows-1252 export from a spreadsheet; never a file with NUL bytes."""
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=complete)
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True


def validate_resource(upload: UploadedFile) -> str:
    """A dataset's file: a document core accepts (PDF, OpenDocument, Office, PNG, JPEG) or CSV,
    TSV, JSON or GeoJSON text, 25 MB at most, its name matching its content; returns the
    format."""
    if upload.size > MAX_RESOURCE_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB): 25 MB at most.")
            % {"size": _megabytes(upload.size)}
        )
    extension = _extension(upload.name or "").replace("jpeg", "jpg")
    kind = sniff(upload)
    if kind is not None:
        if extension != kind:
            raise ValidationError(
                _("The file's name says “%(ext)s” but its content is %(kind)s.")
                % {"ext": extension or "?", "kind": kind.upper()}
            )
        return kind
    if extension not in TEXT_FORMATS:
        raise ValidationError(
            _(
                "This file type is not accepted: send CSV, TSV, JSON or GeoJSON data, a PDF, "
                "an OpenDocument or Office file, or a PNG or JPEG image."
            )
        )
    upload.seek(0)
    head = upload.read(_HEAD)
    upload.seek(0)
    if not _is_text(head, complete=upload.size <= _HEAD):
        raise ValidationError(
            _("The file's name says “%(ext)s” but its content is not text.") % {"ext": extension}
        )
    if extension in ("json", "geojson"):
        try:
            json.loads(upload.read().decode("utf-8-sig"))
        except (ValueError, RecursionError) as error:
            raise ValidationError(_("This file is not valid JSON.")) from error
        finally:
            upload.seek(0)
    return extension

"""Uploaded files are checked by their content, not their name, and by their size."""

from __future__ import annotations

import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

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


def sniff(upload: UploadedFile) -> str | None:
    """The file's real format from its first bytes (and, for office files, its zip content)."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
                if "mimetype" in names:
                    with archive.open("mimetype") as declared:
                        return _ZIP_FORMATS.get(declared.read(100).decode(errors="ignore"))
                for prefix, kind in _OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return kind
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError):
            return None  # encrypted, unknown compression or damaged: not a document we take
        finally:
            upload.seek(0)
    return None


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

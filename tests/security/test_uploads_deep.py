"""F13: office files are checked by their zip structure and what they unpack to; PDFs are
inspected for active content. Every file is built here, in the test."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from alliage.core.uploads import pdf_has_active_content, validate_document

ODT = "application/vnd.oasis.opendocument.text"


def zipped(entries: dict[str, bytes], *, odf: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if odf:
            archive.writestr(zipfile.ZipInfo("mimetype"), odf)  # first and stored, as ODF says
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def odt(**extra: bytes) -> bytes:
    return zipped({"META-INF/manifest.xml": b"<manifest/>", "content.xml": b"<doc/>", **extra},
                  odf=ODT)  # fmt: skip


def docx(**extra: bytes) -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>",
                   "word/document.xml": b"<w:document/>", **extra})  # fmt: skip


def test_real_office_files_are_accepted() -> None:
    assert validate_document(SimpleUploadedFile("note.odt", odt())) == "odt"
    assert validate_document(SimpleUploadedFile("note.docx", docx())) == "docx"
    xlsx = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert validate_document(SimpleUploadedFile("t.xlsx", xlsx)) == "xlsx"


def test_a_zip_bomb_posing_as_an_odt_is_refused() -> None:
    """About 1 MB on disk that unpacks to 1 GiB, written in chunks to keep the test light."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODT)
        archive.writestr("META-INF/manifest.xml", b"<manifest/>")
        chunk = b"\0" * (16 * 1024 * 1024)
        with archive.open("content.xml", "w", force_zip64=True) as entry:
            for _ in range(64):
                entry.write(chunk)
    bomb = buffer.getvalue()
    assert len(bomb) < 2 * 1024 * 1024
    with pytest.raises(ValidationError, match="se décompresse en bien plus de données"):
        validate_document(SimpleUploadedFile("rapport.odt", bomb))


def test_a_small_file_compressed_beyond_what_documents_are_is_refused() -> None:
    dense = docx(**{"word/media/blank.xml": b"\0" * (50 * 1024 * 1024)})
    with pytest.raises(ValidationError, match="se décompresse en bien plus de données"):
        validate_document(SimpleUploadedFile("note.docx", dense))


@pytest.mark.parametrize(
    "content",
    [
        zipped({"word/document.xml": b"<w/>", "index.html": b"<script>alert(1)</script>"}),
        docx(**{"index.html": b"<script>alert(1)</script>"}),  # a web page beside the document
        zipped({"word/document.xml": b"<w/>"}),  # no [Content_Types].xml
        docx(**{"word/vbaProject.bin": b"macros"}),  # a macro-enabled file posing as .docx
        docx(**{"xl/workbook.xml": b"<workbook/>"}),  # two formats at once
        docx(**{"setup.exe": b"MZ"}),
    ],
)
def test_an_ooxml_file_must_have_its_structure(content: bytes) -> None:
    with pytest.raises(ValidationError):
        validate_document(SimpleUploadedFile("note.docx", content))


@pytest.mark.parametrize(
    "content",
    [
        zipped({"content.xml": b"<doc/>", "mimetype": ODT.encode()}),  # mimetype not first
        zipped({"content.xml": b"<doc/>"}, odf=ODT),  # no manifest
        odt(**{"Scripts/run.js": b"alert(1)"}),
    ],
)
def test_an_odf_file_must_have_its_structure(content: bytes) -> None:
    with pytest.raises(ValidationError):
        validate_document(SimpleUploadedFile("note.odt", content))


def pdf(*, open_action: bool = False, attachment: bool = False) -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    if open_action:
        action = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.launchURL('https://example.org')"),
        })  # fmt: skip
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if attachment:
        writer.add_attachment("payload.txt", b"hidden")
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile("dossier.pdf", out.getvalue())


def test_a_pdf_with_active_content_is_accepted_but_flagged() -> None:
    for upload in (pdf(open_action=True), pdf(attachment=True)):
        assert validate_document(upload) == "pdf"
        assert pdf_has_active_content(upload)
    assert not pdf_has_active_content(pdf())

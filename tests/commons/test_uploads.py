from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from alliage.commons.uploads import (
    image_size,
    safe_filename,
    validate_cover,
    validate_resource,
)
from alliage.demo.commons import _pdf, _png

from .conftest import PDF, PNG


def test_png_and_jpeg_sizes_are_read_from_their_headers() -> None:
    assert image_size(PNG, "png") == (1, 1)
    assert image_size(_png((0, 0, 0), (255, 255, 255)), "png") == (1200, 630)
    # A JPEG header: SOI, an APP0 segment, then a baseline frame of 640 by 480.
    jpeg = b"\xff\xd8" + b"\xff\xe0\x00\x10" + b"JFIF\x00" + b"\x00" * 9
    jpeg += b"\xff\xc0\x00\x11\x08\x01\xe0\x02\x80\x03" + b"\x00" * 9
    assert image_size(jpeg, "jpg") == (640, 480)
    assert image_size(b"\xff\xd8\x00\x00", "jpg") is None
    assert image_size(PNG[:20], "png") is None


def test_covers_are_images_whose_size_can_be_read() -> None:
    assert validate_cover(SimpleUploadedFile("c.png", PNG)) == ("png", 1, 1)
    for name, content in (("c.png", PDF), ("c.png", PNG[:20]), ("c.gif", b"GIF89a")):
        with pytest.raises(ValidationError):
            validate_cover(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("data.csv", "a,b\né,è\n".encode(), "csv"),
        ("data.csv", "a;b\né;è\n".encode("cp1252"), "csv"),
        ("data.tsv", b"a\tb\n", "tsv"),
        ("data.json", b'[{"a": 1}]', "json"),
        ("zones.geojson", b'{"type": "FeatureCollection", "features": []}', "geojson"),
        ("rapport.pdf", PDF, "pdf"),
        ("demo.pdf", _pdf("Titre", ["une ligne"]), "pdf"),
    ],
)
def test_resources_accepted(name: str, content: bytes, expected: str) -> None:
    assert validate_resource(SimpleUploadedFile(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("data.csv", b"a,b\x00c"),
        ("data.json", b'{"a": '),
        ("data.json", b"[" * 100_000),
        ("data.csv", PDF),
        ("data.txt", b"hello"),
        ("noextension", b"a,b"),
    ],
)
def test_resources_refused(name: str, content: bytes) -> None:
    with pytest.raises(ValidationError):
        validate_resource(SimpleUploadedFile(name, content))


def test_file_names_are_made_safe() -> None:
    assert safe_filename("../../etc/passwd", "x.pdf") == "passwd"
    assert safe_filename("Mon cahier (v2).pdf", "x.pdf") == "Mon_cahier_v2.pdf"
    assert safe_filename("..", "x.pdf") == "x.pdf"
    assert safe_filename("a" * 300 + ".pdf", "x.pdf").endswith(".pdf")
    assert len(safe_filename("a" * 300 + ".pdf", "x.pdf")) <= 80

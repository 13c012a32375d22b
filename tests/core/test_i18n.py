"""The catalogues are complete in French and English, and the compiled files match them."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

import alliage

LOCALE = Path(alliage.__file__).parent / "locale"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_catalogue_is_complete(language: str) -> None:
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(  # noqa: S603
        [
            shutil.which("msgfmt") or "msgfmt",
            "--check-format",
            "--statistics",
            "-o",
            "/dev/null",
            str(po),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalogue_is_up_to_date(language: str, tmp_path: Path) -> None:
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    fresh = tmp_path / "fresh.mo"
    subprocess.run([shutil.which("msgfmt") or "msgfmt", "-o", str(fresh), str(po)], check=True)  # noqa: S603
    with fresh.open("rb") as a, (po.with_suffix(".mo")).open("rb") as b:
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog, (
            "Run `make messages`: the .mo file is older than its .po file."
        )

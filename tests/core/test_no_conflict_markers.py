"""No file of the project keeps a merge's conflict markers: a browser silently drops the CSS
rule after one, and a template or Python file would show or fail in odd places."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"^(<{7} |={7}$|>{7} )", re.MULTILINE)
SUFFIXES = {".py", ".html", ".css", ".js", ".md", ".txt", ".toml", ".json", ".po", ".cfg"}


def test_no_file_keeps_conflict_markers() -> None:
    found = []
    for folder in ("src", "tests", "bench", "docs"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in SUFFIXES and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                if MARKER.search(text):
                    found.append(str(path.relative_to(ROOT)))
    assert not found, f"conflict markers left in {found}"

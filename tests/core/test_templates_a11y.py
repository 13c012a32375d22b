"""Template rules that keep classes of accessibility defects fixed for good: every table that
may be wider than a phone scrolls inside its own region, and that region can be reached with
the keyboard and is named (WCAG 2.1.1, 1.4.10; axe ``scrollable-region-focusable``)."""

from __future__ import annotations

import re
from pathlib import Path

import alliage

ROOT = Path(alliage.__file__).parent
TEMPLATES = sorted(ROOT.glob("*/templates/**/*.html"))
SCROLL = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\btable-scroll\b[^\"]*\"[^>]*>")
# Tables laid out as a grid of days, whose cells shrink with the screen: not data tables.
GRIDS = {"agenda/templates/agenda/agenda_month.html"}


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_every_scrolling_region_is_focusable_and_named() -> None:
    bad = []
    for path in TEMPLATES:
        for tag in SCROLL.findall(path.read_text()):
            if 'tabindex="0"' not in tag or 'role="region"' not in tag or "aria-label" not in tag:
                bad.append(f"{relative(path)}: {tag}")
    assert not bad, "\n".join(bad)


def test_every_data_table_is_inside_a_scrolling_region() -> None:
    bad = []
    for path in TEMPLATES:
        if relative(path) in GRIDS:
            continue
        text = path.read_text()
        for match in re.finditer(r"<table\b", text):
            before = text[: match.start()]
            opened = len(SCROLL.findall(before))
            closed_here = before.rfind("table-scroll") > before.rfind("</table>")
            if not (opened and closed_here):
                bad.append(f"{relative(path)}: a <table> outside a .table-scroll region")
    assert not bad, "\n".join(bad)


def test_every_preformatted_block_is_focusable() -> None:
    """A <pre> scrolls sideways when a line is long: keyboard users must reach it."""
    bad = [
        f"{relative(path)}: {tag}"
        for path in TEMPLATES
        for tag in re.findall(r"<pre\b[^>]*>", path.read_text())
        if 'tabindex="0"' not in tag
    ]
    assert not bad, "\n".join(bad)

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from alliage.core.markdown import render_markdown

VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "![x](javascript:alert(1))",
    "<details open ontoggle=alert(1)>",
    "[a](vbscript:msgbox(1))",
]


class Elements(HTMLParser):
    """Collects the elements and attributes a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


@pytest.mark.parametrize("source", VECTORS)
def test_no_executable_content(source: str) -> None:
    parser = Elements()
    parser.feed(render_markdown(source))
    for tag, attrs in parser.found:
        assert tag not in {"script", "iframe", "svg", "object", "embed", "style", "img", "details"}
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name != "style"
            if name in {"href", "src"}:
                assert re.match(r"^(https?:|mailto:|#|/)", (value or "").strip(), re.I), value


def test_markdown_is_rendered() -> None:
    html = render_markdown("# Titre\n\n- **gras**\n- [lien](https://example.org)")
    assert "<h2>Titre</h2>" in html
    assert "<strong>gras</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html

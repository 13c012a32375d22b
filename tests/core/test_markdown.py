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
    # Raw HTML in every form a browser accepts
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script>alert(1)",
    "<<script>alert(1)//<</script>",
    '<IMG SRC="javascript:alert(1);">',
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<IMG SRC=`javascript:alert(1)`>",
    '<IMG """><SCRIPT>alert(1)</SCRIPT>">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    '<IMG SRC="jav\tascript:alert(1);">',
    '<IMG SRC=" &#14;  javascript:alert(1);">',
    "<BODY ONLOAD=alert(1)>",
    '<BODY BACKGROUND="javascript:alert(1)">',
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(1);">',
    '<STYLE>li {list-style-image: url("javascript:alert(1)");}</STYLE><UL><LI>x</UL>',
    '<LINK REL="stylesheet" HREF="javascript:alert(1);">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(1);">',
    '<IFRAME SRC="javascript:alert(1);"></IFRAME>',
    '<FRAMESET><FRAME SRC="javascript:alert(1);"></FRAMESET>',
    '<TABLE BACKGROUND="javascript:alert(1)"><TD>x</TD></TABLE>',
    '<DIV STYLE="width: expression(alert(1));">x</DIV>',
    '<OBJECT TYPE="text/x-scriptlet" DATA="http://evil.example/x.html"></OBJECT>',
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="javas&#x09;cript:alert(1)">x</a>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<video><source onerror="alert(1)"></video>',
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<base href="javascript:alert(1)//">',
    '<a href="#" onclick="alert(1)">x</a>',
    "<p onmouseover=alert(1)>x</p>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    # Markdown's own links and images
    "[x](javascript&#58;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](java\nscript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](VBScript:msgbox(1))",
    "[x](file:///etc/passwd)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![x](https://example.org/a.png "onerror=alert(1)")',
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    '[x](https://example.org" onclick="alert(1))',
    "<javascript:alert(1)>",
    '<https://example.org/" onmouseover="alert(1)>',
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    "> <script>alert(1)</script>",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
]


class Elements(HTMLParser):
    """Collects the elements and attributes a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


FORBIDDEN_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "svg", "math", "img",
    "details", "form", "input", "button", "link", "meta", "base", "video", "audio", "source",
    "template", "noscript", "marquee", "body",
}  # fmt: skip


def test_there_are_more_than_fifty_vectors() -> None:
    assert len(set(VECTORS)) >= 50


@pytest.mark.parametrize("source", VECTORS)
def test_no_executable_content(source: str) -> None:
    parser = Elements()
    parser.feed(render_markdown(source))
    for tag, attrs in parser.found:
        assert tag not in FORBIDDEN_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name not in {"style", "formaction", "action", "background", "srcdoc"}
            if name in {"href", "src"}:
                url = re.sub(r"[\x00-\x20]", "", value or "").lower()
                assert not url.startswith(("javascript:", "vbscript:", "data:")), value
                assert re.match(r"^(https?:|mailto:|#|/)", url), value


def test_markdown_is_rendered() -> None:
    html = render_markdown("# Titre\n\n- **gras**\n- [lien](https://example.org)")
    assert "<h2>Titre</h2>" in html
    assert "<strong>gras</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


@pytest.mark.django_db
def test_preview_shows_a_field_of_the_form_as_the_page_will_sanitised(client) -> None:
    from django.urls import reverse

    from ..factories import PersonFactory

    url = reverse("markdown-preview")
    data = {"field": "levers", "levers": "**Levier** <script>alert(1)</script>", "other": "x"}
    assert client.post(url, data).status_code == 302  # signed-in people only
    client.force_login(PersonFactory().user)
    body = client.post(url, data).content.decode()
    assert "<strong>Levier</strong>" in body
    assert "<script>" not in body
    assert "Rien à prévisualiser" in client.post(url, {"field": "levers"}).content.decode()
    assert client.get(url).status_code == 405


@pytest.mark.django_db
def test_the_canvas_editor_offers_a_preview_of_each_markdown_text(client) -> None:
    from django.urls import reverse

    from alliage.coalitions.models import MemberRole

    from ..factories import CoalitionMemberFactory

    lead = CoalitionMemberFactory(role=MemberRole.LEAD)
    client.force_login(lead.person.user)
    body = client.get(reverse("coalitions:coalition-edit", args=[lead.coalition.slug])).content
    html = body.decode()
    assert html.count('hx-post="/markdown/preview/"') == 9
    assert 'id="id_levers_preview"' in html and "{&quot;field&quot;" not in html

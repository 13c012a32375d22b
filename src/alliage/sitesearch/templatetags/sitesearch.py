"""The search page's excerpt: one line of a text around the first word of the query it holds,
whatever the accents and the case, with the query's words marked."""

from __future__ import annotations

import re
import unicodedata

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from alliage.core.search import search_words

register = template.Library()

WIDTH = 160
BEFORE = 50
# What Markdown adds to a text and an excerpt should not show: emphasis, code marks, the
# address of a link (its words stay), and heading, quote and list marks at a line's start.
_MARKUP = re.compile(r"\]\([^)]*\)|[*_`~\[\]]+|^[ \t]*(?:#+|>+|[-+] )", re.M)
_SPACES = re.compile(r"\s+")


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` without accents, case-folded, and for each of its characters the position in
    ``text`` of the character it comes from."""
    folded: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for low in part.casefold():
                folded.append(low)
                origin.append(i)
    return "".join(folded), origin


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the words start a word of ``text`` (positions in ``text``), in order, merged."""
    folded, origin = _fold(text)
    found = []
    for word in words:
        needle = _fold(word)[0]
        if not needle:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(needle), folded):
            start = origin[m.start()]
            end = origin[m.end() - 1] + 1
            found.append((start, end))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@register.filter
def excerpt(text: str | None, q: str) -> SafeString:
    """About ``WIDTH`` characters of ``text`` (Markdown marks left out), from a little before
    the first word of ``q`` it holds (or from its start), each word of ``q`` in ``<mark>``;
    escaped."""
    text = _SPACES.sub(" ", _MARKUP.sub("", text or "")).strip()
    if not text:
        return mark_safe("")
    spans = _spans(text, search_words(q or ""))
    start = 0
    if spans and spans[0][0] > BEFORE:
        first = spans[0][0]
        space = text.find(" ", first - BEFORE, first)
        start = space + 1 if space >= 0 else first - BEFORE
    end = start + WIDTH
    if end < len(text):
        cut = text.rfind(" ", start + WIDTH // 2, end)
        end = cut if cut > 0 else end
    else:
        end = len(text)
    out = ["…"] if start > 0 else []
    at = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out += [escape(text[at:s]), "<mark>", escape(text[s:e]), "</mark>"]
        at = e
    out.append(escape(text[at:end]))
    if end < len(text):
        out.append("…")
    return mark_safe("".join(out))  # noqa: S308 (every piece of the text is escaped)

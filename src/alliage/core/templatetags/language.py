"""Marking people's texts with the language they are written in (WCAG 3.1.2, language of
parts). A builtin library: ``<h1{% lang_of coalition %}>`` gives ``lang="fr"`` on an English
page for a French text, nothing when the text is in the page's language;
``{% written_in coalition %}`` says so in words to the reader."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()

_NAMES = dict(settings.LANGUAGES)


def _other_language(context: dict[str, Any], obj: Any) -> str | None:
    code = getattr(obj, "content_language", None) if not isinstance(obj, str) else obj
    page = (context.get("LANGUAGE_CODE") or translation.get_language() or "fr").split("-")[0]
    return code if code in _NAMES and code != page else None


@register.simple_tag(takes_context=True)
def lang_of(context: dict[str, Any], obj: Any) -> SafeString | str:
    """`` lang="xx"`` (with its leading space) when ``obj``'s text is not in the page's language."""
    code = _other_language(context, obj)
    return format_html(' lang="{}"', code) if code else ""


@register.simple_tag(takes_context=True)
def written_in(context: dict[str, Any], obj: Any) -> SafeString | str:
    """A short note, in the page's language, that the text below is in another language."""
    code = _other_language(context, obj)
    if not code:
        return ""
    label = {"fr": _("Written in French"), "en": _("Written in English")}.get(code, code)
    return format_html('<p class="written-in muted">{}</p>', label)

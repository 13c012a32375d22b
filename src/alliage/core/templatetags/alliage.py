from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.http import QueryDict
from django.template.defaultfilters import floatformat
from django.urls import translate_url
from django.utils.safestring import SafeString, mark_safe

from alliage.core.markdown import render_markdown
from alliage.core.numbers import figure

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 in render_markdown


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (pagination links keep filters)."""
    query: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}"


@register.filter
def euros(value: Decimal | float | None) -> str:
    """An amount in euros in the page's language ("3 000,00 €", "3,000.00 €"), its figures and
    its sign never split across lines."""
    if value is None or value == "":
        return ""
    return f"{floatformat(value, '2g')}\u00a0€"


@register.filter(name="figure")
def figure_filter(value: float | Decimal | None) -> str:
    return figure(value)


@register.simple_tag(takes_context=True)
def path_in(context: dict[str, Any], language: str) -> str:
    """This page's address in another language."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, "")


@register.simple_tag(takes_context=True)
def render_section(context: template.Context, section: Any) -> SafeString:
    """A section another app adds to this page (``core.hooks.Section``): its template, with the
    page's context, ``section`` itself and the section's own context on top."""
    with context.push(section=section, **section.context):
        return context.template.engine.get_template(section.template).render(context)

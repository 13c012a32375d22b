from __future__ import annotations

from typing import Any

from django import template

from ..views import button_context

register = template.Library()


@register.inclusion_tag("follows/_button.html", takes_context=True)
def follow_button(context: dict[str, Any], obj: Any) -> dict[str, Any]:
    """The follow/unfollow button for ``obj`` (nothing for an anonymous visitor)."""
    request = context["request"]
    return {**button_context(request, obj), "csrf_token": context.get("csrf_token")}

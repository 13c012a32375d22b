"""The team area's menu, made of what each app registers under ``TEAM_NAV``."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from alliage.core.hooks import TEAM_NAV, get_hooks

register = template.Library()


@register.inclusion_tag("team/_nav.html", takes_context=True)
def team_nav(context: dict[str, Any]) -> dict[str, Any]:
    path = context["request"].path
    items = [{"label": item.label, "url": reverse(item.url_name)} for item in get_hooks(TEAM_NAV)]
    # The current entry is the one whose address is the longest start of this page's: on
    # /team/actors/memberships/ that is "Memberships", not also "Actors".
    matching = [item for item in items if path.startswith(item["url"])]
    current = max(matching, key=lambda item: len(item["url"]), default=None)
    for item in items:
        item["current"] = item is current
    dashboard = reverse("team:dashboard")
    return {"items": items, "dashboard": dashboard, "on_dashboard": path == dashboard}

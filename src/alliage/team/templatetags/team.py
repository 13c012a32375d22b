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
    items = []
    for item in get_hooks(TEAM_NAV):
        url = reverse(item.url_name)
        items.append({"label": item.label, "url": url, "current": path.startswith(url)})
    dashboard = reverse("team:dashboard")
    return {"items": items, "dashboard": dashboard, "on_dashboard": path == dashboard}

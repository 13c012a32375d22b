"""A programme's calls, shown on its page."""

from __future__ import annotations

from django.http import HttpRequest

from alliage.actors.registry import ProfileSection
from alliage.coalitions.models import Coalition, Programme

from . import selectors


def calls_section(request: HttpRequest, obj: Programme | Coalition) -> ProfileSection | None:
    if not isinstance(obj, Programme):
        return None
    calls = list(selectors.call_list(viewer=request.user).filter(programme=obj)[:4])
    if not calls:
        return None
    return ProfileSection(template="calls/_programme_calls.html", context={"calls": calls})

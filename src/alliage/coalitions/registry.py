"""Sections that other apps add to programme and coalition pages (events, calls…).

Apps above ``coalitions`` register a provider in their ``AppConfig.ready``; coalitions never
imports them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from alliage.actors.registry import ProfileSection

from .models import Coalition, Programme

PageProvider = Callable[[HttpRequest, Programme | Coalition], ProfileSection | None]

_providers: list[PageProvider] = []


def register_page_section(provider: PageProvider) -> PageProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def page_sections(request: HttpRequest, obj: Programme | Coalition) -> list[ProfileSection]:
    return [s for provider in _providers if (s := provider(request, obj)) is not None]

"""Sections that other apps add to actor profiles (a coalition list, later events, publications),
and the test that tells whether an account belongs to a programme team.

Apps above ``actors`` register a provider in their ``AppConfig.ready``; actors never imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from alliage.core.models import User

from .models import Organisation, Person


@dataclass(frozen=True)
class ProfileSection:
    template: str
    context: dict[str, Any]
    # Where the page puts it: "sidebar", or a named place such as the coalition canvas's
    # "evaluation" section.
    slot: str = "sidebar"


SectionProvider = Callable[[HttpRequest, Organisation | Person], ProfileSection | None]

_providers: list[SectionProvider] = []


def register_profile_section(provider: SectionProvider) -> SectionProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def profile_sections(request: HttpRequest, actor: Organisation | Person) -> list[ProfileSection]:
    return [s for provider in _providers if (s := provider(request, actor)) is not None]


TeamCheck = Callable[[User], bool]

_team_checks: list[TeamCheck] = []


def register_team_check(check: TeamCheck) -> TeamCheck:
    """Coalitions says who is on a programme team; actors needs it for "members only" fields."""
    if check not in _team_checks:
        _team_checks.append(check)
    return check


def is_programme_team(user: User) -> bool:
    return user.is_authenticated and any(check(user) for check in _team_checks)

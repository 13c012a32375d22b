"""Reads of moderation: the team's queue, each case with its reports and what was reported."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Prefetch, Q, QuerySet

from alliage.coalitions.predicates import team_programme_ids

from .models import Case, CaseState, Report
from .targets import reportables

if TYPE_CHECKING:
    from alliage.core.models import User


def _for_team(user: User) -> Q:
    """The cases a team decides (``is_case_team``, for a queryset)."""
    if user.is_superuser:
        return Q()
    teams = team_programme_ids(user)
    return Q(programme_id__in=teams) | Q(programme_id__isnull=True) if teams else Q(pk__in=[])


def cases_waiting(*, user: User) -> QuerySet[Case]:
    """The cases the team has to decide: reported and not decided since, hidden by reports
    first, then the most reported."""
    return (
        Case.objects.filter(_for_team(user), state=CaseState.OPEN)
        .select_related("content_type")
        .annotate(open_reports=Count("reports", filter=Q(reports__open=True)))
        .prefetch_related(Prefetch("reports", Report.objects.filter(open=True).order_by("created")))
        .order_by("-auto_hidden", "-open_reports", "created")
    )


def cases_decided(*, user: User, limit: int = 20) -> list[Case]:
    return list(
        Case.objects.filter(_for_team(user))
        .exclude(state=CaseState.OPEN)
        .select_related("content_type", "decided_by__person")
        .order_by("-decided_at")[:limit]
    )


@dataclass
class Item:
    case: Case
    obj: Any
    text: str
    where: Any
    url: str


def items_of(cases: list[Case]) -> list[Item]:
    """Each case with what was reported (skipped if it no longer exists)."""
    items = []
    for case in cases:
        reportable = reportables().get(f"{case.content_type.app_label}.{case.content_type.model}")
        if reportable is None:
            continue
        try:
            obj = reportable.fetch(case.object_id)
        except ObjectDoesNotExist:
            continue
        items.append(
            Item(
                case=case,
                obj=obj,
                text=reportable.text(obj),
                where=reportable.where(obj),
                url=reportable.url(obj),
            )
        )
    return items


def case_get(*, pk: int) -> Case:
    return Case.objects.select_related("content_type").get(pk=pk)

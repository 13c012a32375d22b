"""Reads of the evaluation, ready to render: indicators with their progress, assessments and the
dialogue between their two sides, programme figures. A constant number of queries per page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from alliage.coalitions.models import Coalition, CoalitionMember, Programme
from alliage.coalitions.predicates import team_programme_ids
from alliage.coalitions.selectors import coalition_visible_q
from alliage.core.models import User

from .models import Assessment, AssessmentSide, Indicator, Measurement
from .progress import IndicatorStatus, Progress, progress_of
from .questionnaire import Grid

# Two readings of one dimension that differ by this much or more are worth talking about.
DIVERGENCE = 1.0


def indicator_progress(indicator: Indicator, today: date | None = None) -> Progress:
    """Needs the indicator's measurements prefetched (``indicators_for`` does it)."""
    measurements = list(indicator.measurements.all())
    latest = max(measurements, key=lambda m: (m.measured_on, m.id)) if measurements else None
    return progress_of(
        baseline=indicator.baseline_value,
        baseline_date=indicator.baseline_date,
        target=indicator.target_value,
        target_date=indicator.target_date,
        direction=indicator.direction,
        latest=latest.value if latest else None,
        today=today or timezone.localdate(),
    )


def _with_progress(indicators: QuerySet[Indicator]) -> list[Indicator]:
    rows = list(
        indicators.prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "id"))
        )
    )
    today = timezone.localdate()
    for indicator in rows:
        indicator.progress = indicator_progress(indicator, today)
    return rows


def indicators_for(*, coalition: Coalition, viewer: User) -> list[Indicator]:
    """The coalition's indicators the viewer may see, each with ``progress``: two queries."""
    qs = Indicator.objects.filter(coalition=coalition)
    if not viewer.has_perm("evaluation.view_private_evaluation", coalition):
        qs = qs.filter(is_public=True)
    return _with_progress(qs)


def indicator_detail(*, coalition: Coalition, pk: int, viewer: User) -> Indicator:
    qs = Indicator.objects.filter(coalition=coalition, pk=pk)
    if not viewer.has_perm("evaluation.view_private_evaluation", coalition):
        qs = qs.filter(is_public=True)
    rows = _with_progress(qs.select_related("coalition"))
    if not rows:
        raise Indicator.DoesNotExist
    return rows[0]


def measurements_of(*, indicator: Indicator) -> QuerySet[Measurement]:
    return indicator.measurements.select_related("recorded_by").order_by("-measured_on", "-id")


def status_counts(indicators: list[Indicator]) -> list[tuple[str, str, int]]:
    counts = Counter(i.progress.status for i in indicators)
    return [(value, label, counts.get(value, 0)) for value, label in IndicatorStatus.choices]


def programme_indicators(*, programme: Programme, viewer: User) -> list[Indicator]:
    """Indicators of the programme's coalitions the viewer sees: the public ones of published
    coalitions, and all of those whose coalition or programme the viewer belongs to."""
    visible = Coalition.objects.filter(coalition_visible_q(viewer), programme=programme)
    qs = Indicator.objects.filter(coalition__in=visible).select_related("coalition")
    if not (viewer.is_authenticated and viewer.is_superuser):
        private_ok = Q(is_public=True)
        if viewer.is_authenticated:
            private_ok |= Q(coalition__programme_id__in=team_programme_ids(viewer))
            private_ok |= Exists(
                CoalitionMember.objects.filter(coalition=OuterRef("coalition"), person__user=viewer)
            )
        qs = qs.filter(private_ok)
    return _with_progress(qs.order_by("coalition__title", "position", "id"))


def assessments_for(*, coalition: Coalition, viewer: User) -> list[Assessment]:
    qs = coalition.assessments.select_related("version", "author")
    if not viewer.has_perm("evaluation.view_private_evaluation", coalition):
        qs = qs.filter(is_public=True)
    return list(qs.order_by("-assessed_on", "-id"))


@dataclass(frozen=True)
class DimensionRow:
    key: str
    label: str
    first: float | None
    second: float | None

    @property
    def gap(self) -> float | None:
        if self.first is None or self.second is None:
            return None
        return round(self.second - self.first, 2)

    @property
    def diverges(self) -> bool:
        return self.gap is not None and abs(self.gap) >= DIVERGENCE


def compare(first: Assessment, second: Assessment | None) -> list[DimensionRow]:
    """Dimension by dimension, two assessments side by side (or one alone), labelled with the
    first one's questionnaire version; dimensions only one version has still show."""
    grid = Grid(first.version.content)
    labels = {d.key: d.label for d in grid.dimensions}
    if second is not None:
        for dimension in Grid(second.version.content).dimensions:
            labels.setdefault(dimension.key, dimension.label)
    return [
        DimensionRow(
            key=key,
            label=label,
            first=first.scores.get(key),
            second=second.scores.get(key) if second is not None else None,
        )
        for key, label in labels.items()
    ]


def dialogue(assessments: list[Assessment]) -> tuple[Assessment | None, Assessment | None]:
    """The latest self-assessment and the latest accompanier's assessment, if any."""
    latest_self = next((a for a in assessments if a.side == AssessmentSide.SELF), None)
    latest_other = next((a for a in assessments if a.side == AssessmentSide.ACCOMPANIER), None)
    return latest_self, latest_other

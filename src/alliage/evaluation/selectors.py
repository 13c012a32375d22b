"""Reads of the evaluation, ready to render: indicators with their progress, assessments and the
dialogue between their two sides, programme figures. A constant number of queries per page."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Greatest, Least
from django.utils import timezone

from alliage.coalitions.models import (
    Coalition,
    CoalitionMember,
    CoalitionStatus,
    MemberRole,
    Programme,
)
from alliage.coalitions.predicates import team_programme_ids
from alliage.coalitions.selectors import coalition_visible_q
from alliage.core.http import small_pk
from alliage.core.models import User

from .models import Assessment, AssessmentSide, Indicator, Measurement, QuestionnaireVersion
from .progress import Direction, IndicatorStatus, progress_of
from .questionnaire import Grid

# Two readings of one dimension that differ by this much or more are worth talking about.
DIVERGENCE = 1.0
# The questionnaire the dialogue is written in.
FACTEUR_4 = "facteur-4"


def _private_ok(qs: QuerySet, coalition: Coalition, viewer: User) -> QuerySet:
    """Indicators and assessments the coalition kept private are for it and its team only."""
    if viewer.has_perm("evaluation.view_private_evaluation", coalition):
        return qs
    return qs.filter(is_public=True)


def _with_progress(indicators: QuerySet[Indicator], *, measurements: bool) -> list[Indicator]:
    """Each indicator with ``progress``, from the latest value it keeps (no look through its
    measurements); its measurements are fetched too (one more query) only where a chart or an
    export shows them."""
    if measurements:
        indicators = indicators.prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "id"))
        )
    rows = list(indicators)
    today = timezone.localdate()
    for indicator in rows:
        indicator.progress = progress_of(
            baseline=indicator.baseline_value,
            baseline_date=indicator.baseline_date,
            target=indicator.target_value,
            target_date=indicator.target_date,
            direction=indicator.direction,
            latest=indicator.latest_value,
            today=today,
        )
    return rows


def indicators_for(
    *, coalition: Coalition, viewer: User, measurements: bool = True
) -> list[Indicator]:
    """The coalition's indicators the viewer may see, each with ``progress``: one query, and
    one more with their measurements. Each knows its coalition without asking the database
    again (the page links every indicator through its coalition's slug)."""
    qs = _private_ok(Indicator.objects.filter(coalition=coalition), coalition, viewer)
    rows = _with_progress(qs, measurements=measurements)
    for indicator in rows:
        indicator.coalition = coalition
    return rows


def indicator_detail(
    *, coalition: Coalition, pk: int, viewer: User, measurements: bool = True
) -> Indicator:
    """One indicator with ``progress``; its measurements too unless ``measurements=False``
    (an answer that does not show them should not load them all)."""
    qs = _private_ok(Indicator.objects.filter(coalition=coalition, pk=pk), coalition, viewer)
    rows = _with_progress(qs.select_related("coalition"), measurements=measurements)
    if not rows:
        raise Indicator.DoesNotExist
    return rows[0]


def measurement_detail(*, indicator: Indicator, pk: int) -> Measurement:
    """One measurement of this indicator (``Measurement.DoesNotExist`` for another's)."""
    return indicator.measurements.get(pk=pk)


def measurements_of(*, indicator: Indicator) -> QuerySet[Measurement]:
    return indicator.measurements.select_related("recorded_by").order_by("-measured_on", "-id")


def status_counts(indicators: list[Indicator]) -> list[tuple[str, str, int]]:
    counts = Counter(i.progress.status for i in indicators)
    return [(value, label, counts.get(value, 0)) for value, label in IndicatorStatus.choices]


def _indicator_private_ok_q(viewer: User) -> Q:
    """The indicators the viewer may see among those of coalitions they see: the public ones,
    and all of those whose coalition or programme the viewer belongs to."""
    if viewer.is_authenticated and viewer.is_superuser:
        return Q()
    private_ok = Q(is_public=True)
    if viewer.is_authenticated:
        private_ok |= Q(coalition__programme_id__in=team_programme_ids(viewer))
        private_ok |= Exists(
            CoalitionMember.objects.filter(coalition=OuterRef("coalition"), person__user=viewer)
        )
    return private_ok


def _programme_indicators_q(*, programme: Programme, viewer: User) -> QuerySet[Indicator]:
    """Indicators of the programme's coalitions the viewer sees: the public ones of published
    coalitions, and all of those whose coalition or programme the viewer belongs to."""
    visible = Coalition.objects.filter(coalition_visible_q(viewer), programme=programme)
    return Indicator.objects.filter(_indicator_private_ok_q(viewer), coalition__in=visible)


def programme_indicators(
    *, programme: Programme, viewer: User, measurements: bool = False
) -> list[Indicator]:
    """Every indicator of the programme the viewer sees (``_programme_indicators_q``), with
    ``progress``, in one query; the measurements only on demand: for the CSV export. Pages
    count with ``programme_indicator_counts`` and list a page of coalitions with
    ``programme_indicator_groups``."""
    qs = _programme_indicators_q(programme=programme, viewer=viewer).select_related("coalition")
    return _with_progress(
        qs.order_by("coalition__title", "position", "id"), measurements=measurements
    )


class DaysBetween(Func):
    """Whole days from the second date to the first, on PostgreSQL (``date - date``) and
    SQLite (Julian days)."""

    arity = 2
    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def with_status(indicators: QuerySet[Indicator], *, today: dt.date) -> QuerySet[Indicator]:
    """``status`` computed in SQL as ``progress.progress_of`` computes it in Python, from the
    latest value each indicator keeps. The comparison with the straight path is made without a
    division: (latest - baseline) x span is compared with (target - baseline) x elapsed days
    (span > 0 by the model's constraint), exact on PostgreSQL's numeric type."""
    span = DaysBetween(F("target_date"), F("baseline_date"))
    elapsed = Greatest(Least(DaysBetween(Value(today), F("baseline_date")), span), Value(0))
    number = DecimalField(max_digits=30, decimal_places=4)
    up = Q(direction=Direction.UP)
    down = Q(direction=Direction.DOWN)
    return indicators.alias(
        covered=ExpressionWrapper((F("latest_value") - F("baseline_value")) * span, number),
        due=ExpressionWrapper((F("target_value") - F("baseline_value")) * elapsed, number),
    ).annotate(
        status=Case(
            When(latest_value__isnull=True, then=Value(IndicatorStatus.NO_DATA)),
            When(
                (up & Q(latest_value__gte=F("target_value")))
                | (down & Q(latest_value__lte=F("target_value"))),
                then=Value(IndicatorStatus.REACHED),
            ),
            When(
                ~Q(target_value=F("baseline_value"))
                & ((up & Q(covered__gte=F("due"))) | (down & Q(covered__lte=F("due")))),
                then=Value(IndicatorStatus.ON_TRACK),
            ),
            default=Value(IndicatorStatus.LATE),
            output_field=CharField(),
        )
    )


def counts_by_status(indicators: QuerySet[Indicator]) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, counted in SQL: one query, one row per status
    whatever the number of indicators."""
    found = dict(
        with_status(indicators, today=timezone.localdate())
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return [(value, label, found.get(value, 0)) for value, label in IndicatorStatus.choices]


def programme_indicator_counts(*, programme: Programme, viewer: User) -> list[tuple[str, str, int]]:
    """The statuses of the programme's indicators the viewer sees, counted in SQL."""
    return counts_by_status(_programme_indicators_q(programme=programme, viewer=viewer))


def programme_indicator_coalitions(*, programme: Programme, viewer: User) -> QuerySet[Coalition]:
    """The programme's coalitions with at least one indicator the viewer sees, by title: the
    impact report paginates these, then ``programme_indicator_groups`` loads a page."""
    shown = Indicator.objects.filter(_indicator_private_ok_q(viewer), coalition=OuterRef("pk"))
    return (
        Coalition.objects.filter(coalition_visible_q(viewer), programme=programme)
        .filter(Exists(shown))
        .only("slug", "title", "status", "programme_id", "content_language")
        .order_by("title", "id")
    )


def programme_indicator_groups(
    *, programme: Programme, viewer: User, coalitions: Sequence[Coalition]
) -> list[tuple[Coalition, list[Indicator]]]:
    """These coalitions (a page of ``programme_indicator_coalitions``), each with its
    indicators the viewer sees and their ``progress``: one query."""
    qs = _programme_indicators_q(programme=programme, viewer=viewer).filter(
        coalition_id__in=[c.pk for c in coalitions]
    )
    by_coalition: dict[int, list[Indicator]] = {c.pk: [] for c in coalitions}
    for indicator in _with_progress(qs.order_by("position", "id"), measurements=False):
        by_coalition[indicator.coalition_id].append(indicator)
    groups = []
    for coalition in coalitions:
        for indicator in by_coalition[coalition.pk]:
            indicator.coalition = coalition
        groups.append((coalition, by_coalition[coalition.pk]))
    return groups


def questionnaire_latest(*, slug: str = FACTEUR_4) -> QuestionnaireVersion | None:
    """The latest version of a questionnaire, which new assessments answer; None until the
    questionnaire files are loaded (``load_questionnaires``)."""
    return QuestionnaireVersion.objects.filter(questionnaire__slug=slug).order_by("-number").first()


def assessments_for(*, coalition: Coalition, viewer: User) -> list[Assessment]:
    qs = _private_ok(coalition.assessments.select_related("version", "author"), coalition, viewer)
    return list(qs.order_by("-assessed_on", "-id"))


def assessment_detail(*, coalition: Coalition, pk: int, viewer: User) -> Assessment:
    qs = _private_ok(coalition.assessments.select_related("version", "author"), coalition, viewer)
    return qs.get(pk=pk)


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


def indicator_coalition_slug(*, indicator_id: int) -> str:
    """The slug of the coalition an indicator belongs to (``Indicator.DoesNotExist`` for no
    such indicator), so that the caller can check they see that coalition before anything
    else."""
    return (
        Indicator.objects.filter(pk=small_pk(indicator_id))
        .values_list("coalition__slug", flat=True)
        .get()
    )


# The team's area and a person's own space -----------------------------------------------------

# An indicator not measured for this many days needs a measurement.
STALE_DAYS = 90


def _with_last_measured(indicators: QuerySet[Indicator]) -> list[Indicator]:
    """``_with_progress`` plus ``last_measured_on`` (the latest measurement's date, or None),
    ``is_late`` and ``is_stale`` (nothing measured for STALE_DAYS since the last measurement or
    the baseline): still one query."""
    rows = _with_progress(indicators, measurements=False)
    limit = timezone.localdate() - dt.timedelta(days=STALE_DAYS)
    for indicator in rows:
        indicator.last_measured_on = indicator.latest_measured_on
        indicator.is_late = indicator.progress.status == IndicatorStatus.LATE
        indicator.is_stale = (indicator.last_measured_on or indicator.baseline_date) < limit
    return rows


def indicators_needing_attention(
    *, programmes: list[Programme] | QuerySet[Programme], state: str = ""
) -> list[Indicator]:
    """Indicators of these programmes' coalitions (open ones) that are late or that nobody has
    measured for STALE_DAYS; ``state`` ("late" or "stale") keeps one kind. One query."""
    qs = (
        Indicator.objects.filter(coalition__programme__in=programmes)
        .exclude(coalition__status=CoalitionStatus.CLOSED)
        .select_related("coalition__programme")
        .order_by("coalition__programme__position", "coalition__title", "position", "id")
    )
    rows = [i for i in _with_last_measured(qs) if i.is_late or i.is_stale]
    if state == "late":
        rows = [i for i in rows if i.is_late]
    elif state == "stale":
        rows = [i for i in rows if i.is_stale]
    return rows


def attention_counts(indicators: list[Indicator]) -> dict[int, dict[str, int]]:
    """Per programme id, how many of these indicators are late and how many stale."""
    counts: dict[int, dict[str, int]] = {}
    for indicator in indicators:
        row = counts.setdefault(indicator.coalition.programme_id, {"late": 0, "stale": 0})
        row["late"] += indicator.is_late
        row["stale"] += indicator.is_stale
    return counts


def indicators_to_measure(*, user: User) -> list[Indicator]:
    """Indicators of the open coalitions the user leads that are late or not measured for
    STALE_DAYS: what waits for a lead. One query."""
    if not user.is_authenticated:
        return []
    led = CoalitionMember.objects.filter(person__user=user, role=MemberRole.LEAD).values(
        "coalition_id"
    )
    qs = (
        Indicator.objects.filter(coalition_id__in=led)
        .exclude(coalition__status=CoalitionStatus.CLOSED)
        .select_related("coalition")
        .order_by("coalition__title", "position", "id")
    )
    return [i for i in _with_last_measured(qs) if i.is_late or i.is_stale]


def indicators_stale() -> list[Indicator]:
    """The indicators of open coalitions that nobody has measured for STALE_DAYS: one query
    (for the reminders)."""
    qs = (
        Indicator.objects.exclude(coalition__status=CoalitionStatus.CLOSED)
        .select_related("coalition")
        .order_by("id")
    )
    return [i for i in _with_last_measured(qs) if i.is_stale]

"""Writes of the evaluation: indicators, measurements, questionnaire versions, assessments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.actors.services import person_ensure
from alliage.coalitions.models import Coalition
from alliage.core.errors import BusinessError
from alliage.core.models import User
from alliage.core.services import audit_record, permission_require
from alliage.notifications.services import notification_send

from . import selectors
from .audit import AuditAction
from .models import (
    Assessment,
    AssessmentSide,
    Indicator,
    Measurement,
    Questionnaire,
    QuestionnaireVersion,
)
from .progress import Direction, QuantityError, parse_quantity
from .questionnaire import DIRECTORY, Grid, checksum, questionnaire_read

INDICATOR_FIELDS = (
    "name",
    "description",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "is_public",
    "position",
)
EARLIEST = date(1900, 1, 1)
ASSESS_PERMISSION = {
    AssessmentSide.SELF: "evaluation.assess_self",
    AssessmentSide.ACCOMPANIER: "evaluation.assess_accompanier",
}
TEXT_ANSWER_LIMIT = 5000


def _fields_check(instance: Indicator | Measurement, exclude: tuple[str, ...]) -> None:
    """Field by field (types, lengths, digits), as the model declares them."""
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise BusinessError(messages[0], field=field) from error


def _indicator_check(indicator: Indicator) -> None:
    """The rules an indicator's fields must keep together, in words its author understands;
    the database constraints hold the same rules for writes that skip this service."""
    _fields_check(indicator, exclude=("coalition",))
    if indicator.target_date <= indicator.baseline_date:
        raise BusinessError(
            _("The target date must come after the baseline date."), field="target_date"
        )
    if indicator.direction == Direction.UP and indicator.target_value < indicator.baseline_value:
        raise BusinessError(
            _("Up is better for this indicator: the target cannot be below the baseline."),
            field="target_value",
        )
    if indicator.direction == Direction.DOWN and indicator.target_value > indicator.baseline_value:
        raise BusinessError(
            _("Down is better for this indicator: the target cannot be above the baseline."),
            field="target_value",
        )


@transaction.atomic
def indicator_save(
    *, coalition: Coalition, by: User, data: dict[str, Any], indicator: Indicator | None = None
) -> Indicator:
    """Create an indicator, or change one of this coalition's, for its leads or its team."""
    permission_require(by, "evaluation.manage_indicators", coalition)
    if indicator is None:
        indicator = Indicator(coalition=coalition)
    elif indicator.coalition_id != coalition.pk:
        raise BusinessError(_("This indicator belongs to another coalition."))
    for name in INDICATOR_FIELDS:
        if name in data:
            setattr(indicator, name, data[name])
    _indicator_check(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by: User) -> None:
    permission_require(by, "evaluation.manage_indicators", indicator.coalition)
    audit_record(
        action=AuditAction.INDICATOR_DELETED,
        by=by,
        target=indicator.coalition,
        indicator=indicator.name,
        measurements=indicator.measurements.count(),
    )
    indicator.delete()


@transaction.atomic
def measurement_record(
    *,
    indicator: Indicator,
    by: User,
    value: Decimal | str,
    measured_on: date,
    source: str,
    note: str = "",
) -> Measurement:
    """Record a dated value. A value typed as text may carry the indicator's unit, never
    another one; a date in the future is refused (a forecast is not a measurement)."""
    permission_require(by, "evaluation.record_measurement", indicator.coalition)
    if isinstance(value, str):
        try:
            value = parse_quantity(value, indicator.unit)
        except QuantityError as error:
            raise BusinessError(str(error), field="value") from error
    if measured_on > timezone.localdate():
        raise BusinessError(_("A measurement cannot be dated in the future."), field="measured_on")
    if measured_on < EARLIEST:
        raise BusinessError(_("Enter a date after 1900."), field="measured_on")
    if not source.strip():
        raise BusinessError(_("Say where the value comes from."), field="source")
    measurement = Measurement(
        indicator=indicator,
        value=value,
        measured_on=measured_on,
        source=source.strip(),
        note=note,
        recorded_by=person_ensure(user=by),
    )
    _fields_check(measurement, exclude=("indicator", "recorded_by"))
    measurement.save()
    indicator_latest_refresh(indicators=Indicator.objects.filter(pk=indicator.pk))
    return measurement


@transaction.atomic
def measurement_delete(*, measurement: Measurement, by: User) -> None:
    permission_require(by, "evaluation.record_measurement", measurement.indicator.coalition)
    measurement.delete()
    indicator_latest_refresh(indicators=Indicator.objects.filter(pk=measurement.indicator_id))


@transaction.atomic
def indicator_latest_refresh(*, indicators: QuerySet[Indicator] | None = None) -> int:
    """Set each indicator's kept latest value and date from its measurements (the latest by
    date, then by entry); every indicator when ``indicators`` is None (after a bulk load:
    ``alliage rebuild_indicator_latest``). Returns how many indicators were written.

    The rows are locked first, in the order of their keys: a concurrent recording on the
    same indicator waits, and the update that follows (a statement of its own, so it reads
    what was committed meanwhile) counts both measurements."""
    if indicators is None:
        targets = Indicator.objects.all()
    else:
        ids = list(indicators.select_for_update().order_by("pk").values_list("pk", flat=True))
        targets = Indicator.objects.filter(pk__in=ids)
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-measured_on", "-id")
    return targets.update(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_measured_on=Subquery(latest.values("measured_on")[:1]),
    )


@transaction.atomic
def questionnaire_sync() -> list[tuple[str, int, bool]]:
    """Load every questionnaire file; a file whose content changed becomes a new version.
    Returns (slug, version number, created) for each file."""
    loaded = []
    for path in sorted(DIRECTORY.glob("*.toml")):
        content = questionnaire_read(path)
        questionnaire, _created = Questionnaire.objects.select_for_update().get_or_create(
            slug=content["slug"]
        )
        latest = questionnaire.versions.order_by("-number").first()
        digest = checksum(content)
        if latest is not None and latest.checksum == digest:
            loaded.append((questionnaire.slug, latest.number, False))
            continue
        number = (latest.number if latest else 0) + 1
        QuestionnaireVersion.objects.create(
            questionnaire=questionnaire, number=number, content=content, checksum=digest
        )
        loaded.append((questionnaire.slug, number, True))
    return loaded


def _answers_check(grid: Grid, answers: dict[str, Any]) -> dict[str, Any]:
    """Keep only the questionnaire's own questions, with values of the right type."""
    clean: dict[str, Any] = {}
    for question in grid.questions():
        value = answers.get(question.key)
        if value in (None, ""):
            continue
        if question.type == "scale":
            if isinstance(value, bool) or not isinstance(value, int):
                raise BusinessError(_("Choose a rating on the scale."), field=question.key)
            if not grid.scale_min <= value <= grid.scale_max:
                raise BusinessError(
                    _("Choose a rating between %(low)s and %(high)s.")
                    % {"low": grid.scale_min, "high": grid.scale_max},
                    field=question.key,
                )
        else:
            value = str(value).strip()
            if len(value) > TEXT_ANSWER_LIMIT:
                raise BusinessError(
                    _("Keep this answer under %(limit)s characters.")
                    % {"limit": TEXT_ANSWER_LIMIT},
                    field=question.key,
                )
        clean[question.key] = value
    if not any(isinstance(v, int) for v in clean.values()):
        raise BusinessError(_("Rate at least one statement so the grid can be scored."))
    return clean


@transaction.atomic
def assessment_save(
    *,
    coalition: Coalition,
    by: User,
    side: str,
    answers: dict[str, Any],
    assessed_on: date,
    is_public: bool = False,
    version: QuestionnaireVersion | None = None,
) -> Assessment:
    """A new assessment from one side of the dialogue, under the latest version of the
    questionnaire unless one is given; its scores are computed once, with that version."""
    if side not in AssessmentSide.values:
        raise BusinessError(_("Choose which side of the dialogue this assessment is."))
    permission_require(by, ASSESS_PERMISSION[side], coalition)
    if assessed_on > timezone.localdate():
        raise BusinessError(_("An assessment cannot be dated in the future."), field="assessed_on")
    if version is None:
        version = selectors.questionnaire_latest(slug=selectors.FACTEUR_4)
        if version is None:
            raise BusinessError(_("The Facteur 4 questionnaire is not loaded yet."))
    grid = Grid(version.content)
    clean = _answers_check(grid, answers)
    return Assessment.objects.create(
        coalition=coalition,
        version=version,
        side=side,
        author=person_ensure(user=by),
        assessed_on=assessed_on,
        answers=clean,
        scores=grid.scores(clean),
        is_public=is_public,
    )


MEASUREMENT_DUE = "evaluation.measurement_due"  # a notification kind, declared in hooks.py


def measurement_reminders_send(now: datetime) -> int:
    """Tell the leads of each indicator nobody has measured for ``selectors.STALE_DAYS``
    that a measurement is due: once per indicator and last measurement (a new measurement,
    then a new silence, tells them again)."""
    from alliage.coalitions.models import CoalitionMember, MemberRole

    made = 0
    for indicator in selectors.indicators_stale():
        since = indicator.last_measured_on or indicator.baseline_date
        leads = User.objects.filter(
            is_active=True,
            pk__in=CoalitionMember.objects.filter(
                coalition_id=indicator.coalition_id, role=MemberRole.LEAD
            ).values("person__user"),
        )
        made += len(
            notification_send(
                kind=MEASUREMENT_DUE,
                recipients=leads,
                url=indicator.get_absolute_url(),
                context={
                    "indicator": indicator.name,
                    "coalition": indicator.coalition.title,
                    "date": since.isoformat(),
                },
                once=f"{indicator.pk}:{since.isoformat()}",
            )
        )
    return made

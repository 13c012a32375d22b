"""What evaluation holds about a person: the measurements they recorded and the assessments
they wrote. Both are the coalition's record: an erasure keeps them under the anonymous label
of the erased account, so nothing is deleted here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData

from .models import Assessment, AssessmentSide, Measurement


def _measurements(user: User) -> Iterator[dict[str, Any]]:
    measurements = Measurement.objects.filter(recorded_by__user=user).select_related(
        "indicator__coalition"
    )
    for m in measurements.order_by("created_at", "id"):
        yield {
            "coalition": m.indicator.coalition.title,
            "indicator": m.indicator.name,
            "value": m.value,
            "measured_on": m.measured_on,
            "source": m.source,
            "note": m.note,
            "recorded_at": m.created_at,
        }


def _assessments(user: User) -> Iterator[dict[str, Any]]:
    assessments = Assessment.objects.filter(author__user=user).select_related(
        "coalition", "version__questionnaire"
    )
    for a in assessments.order_by("assessed_on", "id"):
        yield {
            "coalition": a.coalition.title,
            "questionnaire": f"{a.version.questionnaire.slug} v{a.version.number}",
            "side": a.side,
            "assessed_on": a.assessed_on,
            "is_public": a.is_public,
            "scores": a.scores,
        }


PERSONAL_DATA = PersonalData(
    app_label="evaluation",
    title=_("Evaluation"),
    purpose=_("To follow the impact of coalitions (measurements and Facteur 4 assessments)."),
    retention=_(
        "As long as the coalition's evaluation exists; when you erase your account, your entries "
        "stay under an anonymous label."
    ),
    recipients=_(
        "The coalition's members and its programme team; published impact reports are public."
    ),
    models=("evaluation.Measurement", "evaluation.Assessment"),
    datasets=(
        Dataset(
            key="measurements",
            title=_("Measurements you recorded"),
            description=_(
                "Values of coalition indicators you recorded. They stay with the coalition if "
                "you erase your account, under an anonymous label."
            ),
            export=_measurements,
            fields=(
                Field("coalition", _("Coalition"), _("the coalition's title")),
                Field("indicator", _("Indicator"), _("the indicator's name")),
                Field("value", _("Value"), _("the value (a decimal number, as text)")),
                Field("measured_on", _("Measured on"), _("the date it was measured (ISO 8601)")),
                Field("source", _("Source"), _("where the value comes from")),
                Field("note", _("Note"), _("your note")),
                Field("recorded_at", _("Recorded"), _("when you recorded it (ISO 8601, UTC)")),
            ),
        ),
        Dataset(
            key="assessments",
            title=_("Facteur 4 assessments you wrote"),
            description=_(
                "Assessments of coalitions you wrote. They stay with the coalition if you "
                "erase your account, under an anonymous label."
            ),
            export=_assessments,
            fields=(
                Field("coalition", _("Coalition"), _("the coalition's title")),
                Field("questionnaire", _("Questionnaire"), _("the questionnaire and its version")),
                Field(
                    "side",
                    _("Side"),
                    _("self (by the coalition) or accompanier"),
                    choices=AssessmentSide,
                ),
                Field("assessed_on", _("Date"), _("the date of the assessment (ISO 8601)")),
                Field(
                    "is_public", _("Public"), _("true if it shows on the coalition's impact report")
                ),
                Field("scores", _("Scores"), _("the score of each dimension")),
            ),
        ),
    ),
)

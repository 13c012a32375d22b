"""Pages of the evaluation, by subject; ``urls`` reaches them all from here."""

from __future__ import annotations

from .assessments import assessment_compare, assessment_create, assessment_detail
from .indicators import (
    indicator_create,
    indicator_delete,
    indicator_detail,
    indicator_edit,
    measurement_delete,
)
from .reports import coalition_impact, coalition_impact_csv, programme_impact, programme_impact_csv

__all__ = [
    "assessment_compare",
    "assessment_create",
    "assessment_detail",
    "coalition_impact",
    "coalition_impact_csv",
    "indicator_create",
    "indicator_delete",
    "indicator_detail",
    "indicator_edit",
    "measurement_delete",
    "programme_impact",
    "programme_impact_csv",
]

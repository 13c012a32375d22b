"""Evaluation: impact indicators and their measurements, the Facteur 4 assessments, charts and
impact reports. May import core, actors and coalitions."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "alliage.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        from alliage.coalitions.registry import register_page_section

        from .sections import impact_section

        register_page_section(impact_section)

        from alliage.core.personal_data import register_personal_data

        from .selfdata import PERSONAL_DATA

        register_personal_data(PERSONAL_DATA)

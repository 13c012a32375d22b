"""Evaluation: impact indicators and their measurements, the Facteur 4 assessments, charts and
impact reports. May import core, actors and coalitions."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "alliage.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")

"""Who may see and record a coalition's evaluation; the views declare these and the services
re-check them. The object is always the coalition."""

from __future__ import annotations

import rules

from alliage.coalitions.predicates import (
    is_coalition_lead,
    is_coalition_member,
    is_coalition_team,
)
from alliage.core.predicates import is_admin

from .predicates import is_coalition_accompanier

# Indicators and assessments kept private, to the coalition and its programme's team.
rules.add_perm(
    "evaluation.view_private_evaluation", is_coalition_member | is_coalition_team | is_admin
)
rules.add_perm("evaluation.manage_indicators", is_coalition_lead | is_coalition_team | is_admin)
rules.add_perm("evaluation.record_measurement", is_coalition_lead | is_coalition_team | is_admin)
# The two sides of the dialogue are written by different people: the coalition's leads assess
# themselves, the accompaniers and the programme's team give the accompanier's reading.
rules.add_perm("evaluation.assess_self", is_coalition_lead | is_admin)
rules.add_perm(
    "evaluation.assess_accompanier", is_coalition_accompanier | is_coalition_team | is_admin
)

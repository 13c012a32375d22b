"""Who may report and who decides; the views declare these and the services re-check them."""

from __future__ import annotations

import rules

from alliage.core.predicates import is_admin, is_on_a_team, is_signed_in

from .predicates import is_case_team

rules.add_perm("moderation.report", is_signed_in)
rules.add_perm("moderation.open_queue", is_on_a_team | is_admin)
rules.add_perm("moderation.decide_case", is_case_team | is_admin)

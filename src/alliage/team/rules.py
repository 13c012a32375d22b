"""Who may enter the team's area: the team of some programme (each page then checks the
programme of what it shows), and superusers."""

from __future__ import annotations

import rules

from alliage.core.predicates import is_admin, is_on_a_team

rules.add_perm("team.access_area", is_on_a_team | is_admin)

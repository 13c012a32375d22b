"""Who may import: the team of any programme (organisations, people and memberships belong to
no programme); each measurement row is then checked against its coalition's programme by
``alliage.evaluation.services.measurement_record``."""

from __future__ import annotations

import rules

from alliage.core.predicates import is_admin, is_on_a_team

rules.add_perm("imports.run_import", is_on_a_team | is_admin)

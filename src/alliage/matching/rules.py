"""Suggestions are for the people who act on them; the views declare these permissions and the
services re-check them."""

from __future__ import annotations

import rules

from alliage.calls.predicates import is_call_team
from alliage.coalitions.predicates import (
    is_coalition_member,
    is_coalition_team,
)
from alliage.core.predicates import is_admin

# Whom to invite: the coalition's members (leads invite; the others can point them to someone,
# lead included) and the programme's team, who accompany it.
rules.add_perm("matching.view_invitations", is_coalition_member | is_coalition_team | is_admin)
# Convergences read every submission of a call: the call's team only.
rules.add_perm("matching.view_convergences", is_call_team | is_admin)
rules.add_perm("matching.start_coalition", is_call_team | is_admin)

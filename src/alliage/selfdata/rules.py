"""Who may see what in Self Data. Each person manages their own data (the views act on the
signed-in account only); the audit log and the inactive accounts are for the team."""

from __future__ import annotations

import rules

from alliage.core.predicates import is_admin, is_on_a_team, is_signed_in

from .predicates import is_staff

# The team of any programme looks after the people in it.
can_oversee = is_on_a_team | is_staff | is_admin

rules.add_perm("selfdata.manage_own_data", is_signed_in)
rules.add_perm("selfdata.view_audit_log", can_oversee)
rules.add_perm("selfdata.view_inactive_accounts", can_oversee)

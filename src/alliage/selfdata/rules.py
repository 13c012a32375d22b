"""Who may see what in Self Data. Each person manages their own data (the views act on the
signed-in account only). A programme's team reads the audit log about its programmes (the
selector scopes it); the whole log and the inactive accounts are for platform admins."""

from __future__ import annotations

import rules

from alliage.core.predicates import is_admin, is_on_a_team, is_signed_in

rules.add_perm("selfdata.manage_own_data", is_signed_in)
rules.add_perm("selfdata.view_audit_log", is_on_a_team | is_admin)
# Log-ins, failed log-ins and every action of every person: the platform's, not a programme's.
rules.add_perm("selfdata.view_whole_audit_log", is_admin)
# Who has not come back for long is about people, not about a programme.
rules.add_perm("selfdata.view_inactive_accounts", is_admin)

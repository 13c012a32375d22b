"""Who may do what on coalitions; the views declare these and the services re-check them."""

from __future__ import annotations

import rules

from alliage.core.predicates import is_admin, is_on_a_team, is_signed_in

from .predicates import (
    is_coalition_lead,
    is_coalition_member,
    is_coalition_team,
    is_open_to_members,
    is_programme_team,
    is_public_programme,
    is_published,
)

can_view = is_published | is_coalition_member | is_coalition_team | is_admin
can_edit = is_coalition_lead | is_coalition_team | is_admin

rules.add_perm("coalitions.see_programme", is_public_programme)
rules.add_perm("coalitions.see_coalition", can_view)
rules.add_perm(
    "coalitions.view_members_section", is_coalition_member | is_coalition_team | is_admin
)
rules.add_perm("coalitions.edit_coalition", can_edit)
rules.add_perm("coalitions.transition_coalition", can_edit)
rules.add_perm("coalitions.decide_join", can_edit)
rules.add_perm(
    "coalitions.request_join", is_signed_in & can_view & is_open_to_members & ~is_coalition_member
)
rules.add_perm("coalitions.propose_coalition", is_signed_in)
# A new programme (an expedition, a project) is the programme team's daily work, not a rare
# administration task: anyone already on some programme's team may open one, and becomes its
# team. Editing, ordering and archiving belong to the programme's own team.
rules.add_perm("coalitions.create_programme", is_on_a_team | is_admin)
rules.add_perm("coalitions.edit_programme", is_programme_team | is_admin)

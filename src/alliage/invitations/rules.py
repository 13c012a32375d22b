"""Who may invite, revoke, answer and ask for introductions; the views declare these and the
services re-check them."""

from __future__ import annotations

import rules

from alliage.coalitions.predicates import (
    is_coalition_lead,
    is_coalition_team,
    is_open_to_members,
)
from alliage.core.predicates import is_admin, is_signed_in

from .predicates import (
    asked_introduction,
    awaits_my_answer,
    is_introduced,
    is_invited,
    leads_invitation_coalition,
)

# Leads decide who joins (as for join requests), with the programme's team who accompany the
# coalition; a closed coalition takes no one.
leads = is_coalition_lead | is_coalition_team | is_admin
rules.add_perm("invitations.invite_to_coalition", is_signed_in & leads & is_open_to_members)
rules.add_perm("invitations.see_invitations", is_signed_in & leads)
rules.add_perm("invitations.revoke_invitation", leads_invitation_coalition | is_admin)
rules.add_perm("invitations.ask_introduction", is_signed_in)
# Personal matters: an administrator's blanket permissions do not make them the invited person
# nor one side of an introduction, so these are rules (``rules.test_rule``), which no superuser
# bypasses. The invited person answers; whoever holds the e-mailed link may decline too
# (checked by the view, which keeps the proof in the session: rules do not see it).
rules.add_rule("invitations.answer_invitation", is_invited)
rules.add_rule("invitations.see_introduction", is_introduced | asked_introduction)
rules.add_rule("invitations.answer_introduction", is_introduced & awaits_my_answer)

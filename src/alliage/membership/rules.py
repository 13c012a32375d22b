"""Who may act on a membership: its holder's people apply, withdraw, renew and designate who
votes; they and the team read its receipt. The views declare these and the services re-check
them.

As everywhere, an administrator (a superuser) passes every permission: they may act for a
member, and the audit log names them."""

from __future__ import annotations

import rules

from alliage.actors.rules import is_actors_team
from alliage.core.predicates import is_signed_in

from .predicates import is_holder

rules.add_perm("membership.act_for_membership", is_signed_in & is_holder)
rules.add_perm("membership.see_receipt", is_signed_in & (is_holder | is_actors_team))

"""Who may do what in an assembly; the views declare these and the services re-check them.
Voting, checking in and proxies are also bound to one line of the roll: the services decide
those against the voter, in ``services.rights_of``."""

from __future__ import annotations

import rules

from alliage.core.predicates import is_admin, is_signed_in

from .predicates import chairs_assembly, is_on_roll, sees_assembly_event

chair = chairs_assembly | is_admin
rules.add_perm("assembly.see_assembly", sees_assembly_event | chair)
rules.add_perm("assembly.run_assembly", is_signed_in & chair)
# The roll names the members and who attends: shown to the voters and the chair.
rules.add_perm("assembly.see_roll", is_signed_in & (chair | is_on_roll))
rules.add_perm("assembly.take_part", is_signed_in & is_on_roll)

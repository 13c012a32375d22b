"""Who may do what on people and organisations; the views declare these and the services
re-check them."""

from __future__ import annotations

import rules

from alliage.core.predicates import is_signed_in

from .predicates import accepts_messages, is_listed_organisation, is_listed_person, is_self

# A person's page: the directory's people, and oneself even when unlisted.
rules.add_perm("actors.see_person", is_listed_person | is_self)
rules.add_perm("actors.see_organisation", is_listed_organisation)
rules.add_perm("actors.contact_person", is_signed_in & accepts_messages & ~is_self)
rules.add_perm("actors.edit_person", is_self)

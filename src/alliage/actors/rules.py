"""Who may do what on people and organisations; the views declare these and the services
re-check them.

Organisations, people and memberships belong to no programme: an association takes part in
several programmes, and its membership (adhésion) supports the whole platform. So the team of
any programme manages them (``actors.manage_actors``): a per-programme split would leave an
organisation shared by two programmes editable by neither, or by both anyway. What does belong
to a programme (indicator measurements) keeps its per-programme rule."""

from __future__ import annotations

import rules

from alliage.core.predicates import is_admin, is_on_a_team, is_signed_in

from .predicates import (
    accepts_messages,
    is_affiliated,
    is_listed_organisation,
    is_listed_person,
    is_of_requested_organisation,
    is_own_request,
    is_self,
)

is_actors_team = is_on_a_team | is_admin

# A person's page: the directory's people, and oneself even when unlisted.
rules.add_perm("actors.see_person", is_listed_person | is_self)
rules.add_perm("actors.see_organisation", is_listed_organisation)
rules.add_perm("actors.contact_person", is_signed_in & accepts_messages & ~is_self)
rules.add_perm("actors.edit_person", is_self)
# The team's back-office of actors: organisations, people, merges, memberships.
rules.add_perm("actors.manage_actors", is_actors_team)
# Anyone signed in may create their organisation (they become affiliated to it).
rules.add_perm("actors.create_organisation", is_signed_in)
rules.add_perm("actors.edit_organisation", is_actors_team | is_affiliated)
# Asking to join an organisation of the directory; its people or the team answer.
rules.add_perm("actors.ask_to_join", is_signed_in & is_listed_organisation)
rules.add_perm("actors.answer_affiliation_request", is_actors_team | is_of_requested_organisation)
rules.add_perm(
    "actors.see_affiliation_request", is_actors_team | is_of_requested_organisation | is_own_request
)

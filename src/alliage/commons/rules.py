"""Who may read, write and moderate the commons; the views declare these and the services
re-check them."""

from __future__ import annotations

import rules

from alliage.core.predicates import is_admin, is_on_a_team, is_signed_in

from .predicates import (
    is_author,
    is_publication_team,
    is_published,
    is_reuse_declarer,
    is_reuse_published,
)

can_manage = is_publication_team | is_admin
is_any_team = is_on_a_team | is_admin

rules.add_perm("commons.see_publication", is_published | is_author | can_manage)
rules.add_perm("commons.create_publication", is_any_team)
rules.add_perm("commons.edit_publication", can_manage)
rules.add_perm("commons.declare_reuse", is_signed_in & is_published)
rules.add_perm(
    "commons.see_reuse", (is_reuse_published & is_published) | is_reuse_declarer | can_manage
)
rules.add_perm("commons.moderate_reuse", can_manage)
rules.add_perm("commons.open_moderation", is_any_team)
rules.add_perm("commons.build_opendata", is_any_team)

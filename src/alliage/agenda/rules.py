"""Who may see, join and run events; views declare these and services re-check them."""

from __future__ import annotations

import rules

from alliage.core.predicates import is_admin, is_signed_in

from .predicates import (
    has_any_registration,
    has_public_link,
    is_adherent,
    is_event_team,
    is_in_event_coalition,
    is_invited,
    is_members_event,
    is_public_event,
    is_registered,
)

in_audience = (
    is_public_event | (is_members_event & is_adherent) | is_in_event_coalition | is_invited
)
can_manage = is_event_team | is_admin

rules.add_perm("agenda.see_event", in_audience | has_any_registration | can_manage)
rules.add_perm("agenda.register_event", is_signed_in & (in_audience | can_manage))
rules.add_perm("agenda.see_online_link", has_public_link | is_registered | can_manage)
rules.add_perm("agenda.manage_event", can_manage)
rules.add_perm("agenda.manage_series", can_manage)

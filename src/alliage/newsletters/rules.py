"""Who may do what with newsletters; the views declare these and the services re-check them."""

from __future__ import annotations

import rules

from alliage.coalitions.predicates import is_programme_team
from alliage.core.predicates import is_admin

from .predicates import is_draft_newsletter, is_newsletter_team, is_sent_newsletter

can_manage = is_newsletter_team | is_admin

# On a programme: write a new newsletter for it.
rules.add_perm("newsletters.write_newsletter", is_programme_team | is_admin)
# On a newsletter: see it in the team's area, send a test of it to oneself.
rules.add_perm("newsletters.manage_newsletter", can_manage)
rules.add_perm("newsletters.change_draft", can_manage & is_draft_newsletter)
rules.add_perm("newsletters.send_newsletter", can_manage & is_draft_newsletter)
rules.add_perm("newsletters.see_newsletter", is_sent_newsletter | can_manage)

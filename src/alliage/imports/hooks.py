"""What imports adds to the others: its entry in the team's menu, its audit actions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alliage.core import hooks
from alliage.core.hooks import NavItem

from .audit import AuditAction

hooks.register(hooks.TEAM_NAV, NavItem(label=_("Import"), url_name="team:imports:start"), order=50)
hooks.register(hooks.AUDIT_ACTIONS, AuditAction)

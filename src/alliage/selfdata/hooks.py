"""What Self Data contributes: its personal data (consents, exports), the signals that audit log-ins
and changes of roles, and the sweep of archives a dead worker left behind."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alliage.core import hooks
from alliage.core.hooks import NavItem
from alliage.core.personal_data import register_personal_data

from . import signals
from .audit import AuditAction
from .selfdata import PERSONAL_DATA
from .services import exports_recover

register_personal_data(PERSONAL_DATA)
signals.connect()


hooks.register(hooks.AUDIT_ACTIONS, AuditAction)
hooks.register(hooks.WORKER_SWEEPS, exports_recover)
hooks.register(
    hooks.TEAM_NAV, NavItem(label=_("Audit log"), url_name="selfdata:audit-log"), order=80
)

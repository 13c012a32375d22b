"""Self Data: each person sees, exports, consents and erases; the audit log; inactive accounts.

May import every app below it (core, actors, coalitions, agenda, calls, evaluation).
"""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfdataConfig(AppConfig):
    name = "alliage.selfdata"
    label = "selfdata"
    verbose_name = _("Self Data")

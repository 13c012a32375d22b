"""What membership adds to the others: its notification kinds and its reminders."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alliage.core import hooks
from alliage.notifications.kinds import Delivery, Kind

from . import services

hooks.register(hooks.REMINDERS, services.membership_reminders_send)

for _kind in (
    Kind(
        key=services.MEMBERSHIP_ENDING,
        label=_("A membership I hold is about to end"),
        message=_("The membership of %(holder)s ends on %(date)s: renew it from your page."),
        default=Delivery.NOW,
        group=_("Membership"),
    ),
):
    hooks.register(hooks.NOTIFICATION_KINDS, _kind)

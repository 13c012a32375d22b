"""What moderation contributes: the team's queue in its menu, the kinds that tell an author
of a decision, audit actions, personal data."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alliage.core import hooks
from alliage.core.hooks import NavItem
from alliage.core.personal_data import register_personal_data
from alliage.notifications.kinds import Delivery, Kind

from .audit import AuditAction
from .models import Case
from .selfdata import PERSONAL_DATA
from .services import Notice

hooks.register(hooks.AUDIT_ACTIONS, AuditAction)
hooks.register(
    hooks.TEAM_NAV, NavItem(label=_("Moderation"), url_name="team:moderation:queue"), order=70
)


@hooks.register(hooks.AUDIT_SCOPE)
def audit_about_cases(programme_ids: frozenset[int]) -> Q:
    """A programme's team reads the moderation of what belongs to its programmes."""
    cases = Case.objects.filter(programme_id__in=programme_ids).values_list("pk", flat=True)
    return Q(target_type="moderation.case", target_id__in=[str(pk) for pk in cases])


_GROUP = _("Moderation")
for _kind in (
    Kind(
        key=Notice.HIDDEN,
        label=_("Something I wrote is hidden by the moderators"),
        message=_("What you wrote on %(target)s is hidden by the moderators: %(reason)s"),
        default=Delivery.NOW,
        group=_GROUP,
    ),
    Kind(
        key=Notice.KEPT,
        label=_("Something I wrote that was reported is kept"),
        message=_("What you wrote on %(target)s was reported and is kept: %(reason)s"),
        default=Delivery.NOW,
        group=_GROUP,
    ),
):
    hooks.register(hooks.NOTIFICATION_KINDS, _kind)

register_personal_data(PERSONAL_DATA)

"""What membership adds to the others: its notification kinds, its reminders, and "My
membership" on a person's own space."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Person
from alliage.core import hooks
from alliage.core.hooks import Section, Slot
from alliage.notifications.kinds import Delivery, Kind

from . import selectors, services
from .forms import RepresentativeForm

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


@hooks.register(hooks.ME_SECTIONS, order=34)
def my_membership_section(request: HttpRequest, person: Person | None) -> Section | None:
    """The memberships I hold, myself or through my organisations: paid or not, in good
    standing or not, their receipt, who votes for an organisation, and renewal in one click
    (then among what waits for me)."""
    if person is None:
        return None
    rows = selectors.memberships_of(person=person, today=timezone.localdate())
    if not rows:
        return None
    forms = {
        row.membership.pk: RepresentativeForm(
            membership=row.membership,
            people=row.people,
            initial={"representative": row.membership.representative_id},
        )
        for row in rows
        if row.people
    }
    return Section(
        template="membership/_me_membership.html",
        context={"rows": [(row, forms.get(row.membership.pk)) for row in rows]},
        slot=Slot.WAITING if any(row.can_renew for row in rows) else Slot.MAIN,
    )

"""What actors contributes: its personal data and its open data (the directory)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alliage.core import hooks
from alliage.core.hooks import NavItem, Reportable, Section, Slot
from alliage.core.opendata import register_queryset_exporter
from alliage.core.personal_data import register_personal_data
from alliage.notifications.kinds import Delivery, Kind

from . import selectors, services
from .audit import AuditAction
from .models import Organisation, Person
from .selfdata import PERSONAL_DATA

register_personal_data(PERSONAL_DATA)

register_queryset_exporter(
    "organisations",
    title=_("Organisations"),
    description=_("Organisations listed in the directory."),
    queryset=lambda: Organisation.objects.listed().order_by("pk"),
    fields="slug name kind city website description",
    app_label="actors",
)
register_queryset_exporter(
    "people",
    title=_("People"),
    description=_("People listed in the directory: their name only."),
    queryset=lambda: Person.objects.listed(),
    fields="pk first_name last_name",
    app_label="actors",
)


hooks.register(hooks.AUDIT_ACTIONS, AuditAction)

hooks.register(
    hooks.TEAM_NAV, NavItem(label=_("Actors"), url_name="team:actors:actor-list"), order=40
)
hooks.register(
    hooks.TEAM_NAV,
    NavItem(label=_("Memberships"), url_name="team:actors:membership-list"),
    order=45,
)
hooks.register(
    hooks.TEAM_NAV,
    NavItem(label=_("Membership tiers"), url_name="team:actors:tier-list"),
    order=46,
)


@hooks.register(hooks.TEAM_PULSE, order=40)
def memberships_pulse(request: HttpRequest, programmes: list) -> Section | None:
    """Memberships to renew and lapsed ones, in one query; nothing for a viewer who may not
    manage actors."""
    if not request.user.has_perm("actors.manage_actors"):
        return None
    return Section(
        template="actors/team/_pulse.html",
        context={"figures": selectors.membership_pulse()},
        slot=Slot.MAIN,
    )


@hooks.register(hooks.TEAM_PULSE, order=41)
def requests_pulse(request: HttpRequest, programmes: list) -> Section | None:
    """Requests to join an organisation that wait for an answer, in one query."""
    if not request.user.has_perm("actors.manage_actors"):
        return None
    return Section(
        template="actors/team/_pulse_requests.html",
        context={"waiting": selectors.affiliation_requests_waiting_count()},
        slot=Slot.MAIN,
    )


@hooks.register(hooks.ME_SECTIONS, order=40)
def requests_to_answer(request: HttpRequest, person: Person | None) -> Section | None:
    """What waits for me: people asking to join my organisations."""
    pending = list(selectors.affiliation_requests_to_answer(person=person)[:20])
    if not pending:
        return None
    return Section(
        template="actors/_me_requests.html", context={"requests": pending}, slot=Slot.WAITING
    )


hooks.register(hooks.SEARCH_INDEXES, selectors.ORGANISATION_SEARCH)
hooks.register(hooks.SEARCH_INDEXES, selectors.PERSON_SEARCH)


def _person(pk: int) -> Person:
    return Person.objects.select_related("user").get(pk=pk)


hooks.register(
    hooks.REPORTABLES,
    Reportable(
        key="actors.person",
        fetch=_person,
        see="actors.see_person",
        programme_id=lambda person: None,  # a profile belongs to no programme
        authors=lambda person: [person.user],
        set_hidden=lambda person, hidden: services.person_set_hidden(person=person, hidden=hidden),
        is_hidden=lambda person: person.hidden_by_moderation,
        text=lambda person: f"{person.full_name}\n{person.bio}",
        where=lambda person: person,
        url=lambda person: person.get_absolute_url(),
        can_report=lambda person: person.is_listed,
    ),
)

for _kind in (
    Kind(
        key=services.MEMBERSHIP_ACCEPTED,
        label=_("The team accepts my membership application"),
        message=_("Your application for %(holder)s (%(tier)s) is accepted."),
        default=Delivery.NOW,
        group=_("Membership"),
    ),
    Kind(
        key=services.MEMBERSHIP_DECLINED,
        label=_("The team declines my membership application"),
        message=_("Your application for %(holder)s (%(tier)s) is declined."),
        default=Delivery.NOW,
        group=_("Membership"),
    ),
):
    hooks.register(hooks.NOTIFICATION_KINDS, _kind)

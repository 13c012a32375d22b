"""What the assembly adds to the others: its section on the event's page and on /me/, its
audit actions and its personal data."""

from __future__ import annotations

from django.http import HttpRequest

from alliage.actors.models import Person
from alliage.actors.selectors import person_for_user
from alliage.agenda.models import Event
from alliage.core import hooks
from alliage.core.hooks import Section, Slot
from alliage.core.personal_data import register_personal_data

from . import selectors
from .audit import AuditAction
from .models import Assembly
from .selfdata import PERSONAL_DATA

register_personal_data(PERSONAL_DATA)
hooks.register(hooks.AUDIT_ACTIONS, AuditAction)


@hooks.register(hooks.PAGE_SECTIONS, order=20)
def event_assembly_section(request: HttpRequest, obj: object) -> Section | None:
    """On an event's page: its assembly, or, for its team, the way to hold one."""
    if not isinstance(obj, Event):
        return None
    assembly = Assembly.objects.filter(event=obj).first()
    can_manage = request.user.has_perm("agenda.manage_event", obj)
    if assembly is None and not can_manage:
        return None
    person = person_for_user(user=request.user)
    mine = selectors.voters_of(assembly=assembly, person=person) if assembly else []
    return Section(
        template="assembly/_event_section.html",
        context={"assembly": assembly, "can_manage": can_manage, "mine": mine},
    )


@hooks.register(hooks.ME_SECTIONS, order=35)
def my_assemblies_section(request: HttpRequest, person: Person | None) -> Section | None:
    """My right to vote at the assemblies to come, and my proxies."""
    if person is None:
        return None
    rows = []
    for assembly in selectors.assemblies_of(person=person):
        rows.append((assembly, selectors.voters_of(assembly=assembly, person=person)))
    if not rows:
        return None
    return Section(template="assembly/_me_assemblies.html", context={"rows": rows}, slot=Slot.MAIN)

"""What matching contributes. Suggestions on other apps' pages: whom to invite on a coalition
page, the coalitions that need an actor on its profile. Both load after the page (htmx), so
the page itself stays as fast as it was and suggestions never hold it up. And the signals that
keep the index up to date."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from alliage.actors.models import Organisation, Person
from alliage.coalitions.models import Coalition, CoalitionStatus, Programme
from alliage.core import hooks
from alliage.core.hooks import Section, Slot

from . import signals
from .audit import AuditAction

signals.connect()


@hooks.register(hooks.PAGE_SECTIONS, order=50)
def invite_section(request: HttpRequest, obj: Programme | Coalition) -> Section | None:
    if not isinstance(obj, Coalition) or obj.status == CoalitionStatus.CLOSED:
        return None
    if not request.user.has_perm("matching.view_invitations", obj):
        return None
    return Section(
        template="matching/_lazy_panel.html",
        context={
            "id": "invite",
            "title_key": "invite",
            "url": reverse("matching:invite", args=[obj.slug]),
        },
    )


@hooks.register(hooks.ACTOR_SECTIONS, order=40)
def coalitions_for_actor_section(
    request: HttpRequest, actor: Organisation | Person
) -> Section | None:
    """On an organisation's page for everyone; on a person's page for that person only."""
    if isinstance(actor, Person):
        if actor.user_id != request.user.pk:
            return None
        url = reverse("matching:for-person", args=[actor.pk])
    else:
        url = reverse("matching:for-organisation", args=[actor.slug])
    return Section(
        template="matching/_lazy_panel.html",
        context={"id": "for-actor", "title_key": "for_actor", "url": url},
    )


@hooks.register(hooks.ME_SECTIONS, order=40)
def coalitions_for_me_section(request: HttpRequest, person: Person | None) -> Section:
    """On a person's own space: the coalitions that need them, loaded after the page, as on
    their profile (``coalitions_for_actor_section``); without a person yet, what to do."""
    url = reverse("matching:for-person", args=[person.pk]) if person else ""
    return Section(template="myspace/_suggested.html", slot=Slot.MAIN, context={"url": url})


hooks.register(hooks.AUDIT_ACTIONS, AuditAction)

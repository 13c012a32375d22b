"""What invitations contributes: the invitations list on a coalition's page for its leads,
what waits for a person on their own space, a way to ask for an introduction on a person's
profile, its audit actions, notification kinds and personal data."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Organisation, Person
from alliage.coalitions.models import Coalition, Programme
from alliage.core import hooks
from alliage.core.hooks import Section, Slot
from alliage.core.personal_data import register_personal_data
from alliage.notifications.kinds import Delivery, Kind

from . import selectors
from .audit import AuditAction
from .selfdata import PERSONAL_DATA
from .services import Notice

register_personal_data(PERSONAL_DATA)
hooks.register(hooks.AUDIT_ACTIONS, AuditAction)


@hooks.register(hooks.PAGE_SECTIONS, order=45)
def invitations_section(request: HttpRequest, obj: Programme | Coalition) -> Section | None:
    """A coalition's invitations and their state, for its leads and its programme's team."""
    if not isinstance(obj, Coalition) or not request.user.has_perm(
        "invitations.see_invitations", obj
    ):
        return None
    return Section(
        template="invitations/_coalition_invitations.html",
        context={
            "coalition": obj,
            "invitations": selectors.invitations_of_coalition(coalition=obj),
            "can_invite": request.user.has_perm("invitations.invite_to_coalition", obj),
        },
    )


@hooks.register(hooks.ME_SECTIONS, order=20)
def waiting_for_me(request: HttpRequest, person: Person | None) -> Section:
    """The invitations and the introductions that wait for the person's answer."""
    return Section(
        template="invitations/me/_waiting.html",
        slot=Slot.WAITING,
        context={
            "invitations": list(selectors.invitations_for(user=request.user)[:20]),
            "introductions": selectors.introductions_awaiting(user=request.user)[:20],
        },
    )


@hooks.register(hooks.ACTOR_SECTIONS, order=60)
def introduce_section(request: HttpRequest, actor: Organisation | Person) -> Section | None:
    """On the profile of someone who accepts to be contacted, for others signed in."""
    if (
        not isinstance(actor, Person)
        or not request.user.is_authenticated
        or actor.user_id == request.user.pk
        or not actor.is_contactable
    ):
        return None
    return Section(template="invitations/_introduce.html", context={"person": actor})


_GROUP = _("Invitations and introductions")
for _kind in (
    Kind(
        key=Notice.INVITATION,
        label=_("I am invited to join a coalition"),
        message=_("%(name)s invites you to join %(coalition)s."),
        default=Delivery.DAILY,  # the invitation's own e-mail, with its link, leaves at once
        group=_GROUP,
    ),
    Kind(
        key=Notice.ACCEPTED,
        label=_("Someone accepts my invitation to a coalition"),
        message=_("%(name)s accepted your invitation: they are a member of %(coalition)s."),
        default=Delivery.NOW,
        group=_GROUP,
    ),
    Kind(
        key=Notice.DECLINED,
        label=_("Someone declines my invitation to a coalition"),
        message=_("An invitation to join %(coalition)s was declined."),
        default=Delivery.DAILY,
        group=_GROUP,
    ),
    Kind(
        key=Notice.INTRODUCTION_ASKED,
        label=_("Someone proposes to introduce me to another actor"),
        message=_("%(name)s proposes to introduce you to %(other)s."),
        default=Delivery.NOW,
        group=_GROUP,
    ),
    Kind(
        key=Notice.INTRODUCTION_MADE,
        label=_("An introduction is accepted on both sides"),
        message=_("You and %(other)s both accepted to be introduced: your addresses are shared."),
        default=Delivery.NOW,
        group=_GROUP,
    ),
):
    hooks.register(hooks.NOTIFICATION_KINDS, _kind)

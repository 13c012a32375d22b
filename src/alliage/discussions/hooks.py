"""What discussions contribute: a thread section on the pages of what may be discussed, the
notification kinds of comments, replies and mentions, audit actions, personal data."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alliage.core import hooks
from alliage.core.hooks import Reportable, Section, Slot
from alliage.core.personal_data import register_personal_data
from alliage.notifications.kinds import Delivery, Kind

from . import selectors
from .audit import AuditAction
from .selectors import places_of
from .selfdata import PERSONAL_DATA
from .services import Notice, comment_set_hidden


@hooks.register(hooks.PAGE_SECTIONS, order=90)
def discussion_sections(request: HttpRequest, obj: Any) -> list[Section] | None:
    """Each thread of the page's object the viewer may read, loaded once the page shows."""
    from .views import place_context

    readable = [p for p in places_of(obj) if request.user.has_perm("discussions.read_thread", p)]
    return [
        Section(
            template="discussions/_section.html",
            context=place_context(request, place),
            slot=Slot.DISCUSSION,
        )
        for place in readable
    ] or None


hooks.register(hooks.AUDIT_ACTIONS, AuditAction)

_GROUP = _("Discussions")
for _kind in (
    Kind(
        key=Notice.MENTION,
        label=_("Someone mentions me in a discussion"),
        message=_("%(name)s mentioned you in the discussion of %(target)s."),
        default=Delivery.NOW,
        group=_GROUP,
    ),
    Kind(
        key=Notice.REPLY,
        label=_("Someone replies to my comment"),
        message=_("%(name)s replied to your comment on %(target)s."),
        default=Delivery.NOW,
        group=_GROUP,
    ),
    Kind(
        key=Notice.COMMENT,
        label=_("A new comment in a discussion I take part in"),
        message=_("%(name)s commented on %(target)s."),
        default=Delivery.DAILY,
        group=_GROUP,
    ),
):
    hooks.register(hooks.NOTIFICATION_KINDS, _kind)

register_personal_data(PERSONAL_DATA)

hooks.register(
    hooks.REPORTABLES,
    Reportable(
        key="discussions.comment",
        fetch=lambda pk: selectors.comment_get(pk=pk),
        see="discussions.see_comment",
        programme_id=lambda c: c.place.channel.programme_id(c.place.target),
        authors=lambda c: [c.author],
        set_hidden=lambda c, hidden: comment_set_hidden(comment=c, hidden=hidden),
        is_hidden=lambda c: c.hidden is not None,
        text=lambda c: c.body,
        where=lambda c: c.place.target,
        url=lambda c: f"{c.place.target.get_absolute_url()}#comment-{c.pk}",
        can_report=lambda c: c.deleted is None,
    ),
)

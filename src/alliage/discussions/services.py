"""Writes of discussions: post, edit (the earlier text kept), delete (its place kept). Each
tells the people concerned through notifications: who is mentioned, whom one answers, and
the thread's circle and participants, each once and only if they read the thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.actors.services import person_ensure
from alliage.core.errors import BusinessError
from alliage.core.http import small_pk
from alliage.core.services import audit_record, permission_require
from alliage.notifications.services import notification_send

from . import mentions, selectors
from .audit import AuditAction
from .models import Comment, CommentRevision, Thread
from .predicates import Place

if TYPE_CHECKING:
    from alliage.core.models import User

MAX_LENGTH = 10000


class Notice:
    """The notification kinds discussions send (registered in ``hooks.py``)."""

    COMMENT = "discussions.comment"
    REPLY = "discussions.reply"
    MENTION = "discussions.mention"


def _clean(body: str) -> str:
    body = body.strip()
    if not body:
        raise BusinessError(_("Write something before posting."), field="body")
    if len(body) > MAX_LENGTH:
        raise BusinessError(
            _("A comment holds at most %(max)s characters.") % {"max": MAX_LENGTH}, field="body"
        )
    return body


def _render(*, place: Place, by: User, body: str) -> tuple[str, list[User]]:
    """The comment's HTML and the accounts it mentions (among those the author may)."""
    people = selectors.mentioned_people(place=place, viewer=by, ids=mentions.mentioned_ids(body))
    return mentions.render(body, people), [person.user for person in people]


def _target_url(place: Place, comment: Comment) -> str:
    return f"{place.target.get_absolute_url()}#comment-{comment.pk}"


def _tell(
    *, place: Place, comment: Comment, by: User, mentioned: list[User], edit: bool = False
) -> None:
    """Each person told once, by the most personal kind: mentioned, answered, then the
    thread's circle and those who wrote in it. Only readers of the thread are told. An edit
    (``edit``) tells only the people it newly mentions."""
    read = place.channel.read
    context = {"name": person_ensure(user=by).full_name, "target": str(place.target)}
    url = _target_url(place, comment)
    told: set[int] = {by.pk}

    def send(kind: str, users: list[User]) -> None:
        readers = [u for u in users if u.pk not in told and u.is_active and read(u, place.target)]
        told.update(u.pk for u in readers)
        if readers:
            notification_send(kind=kind, recipients=readers, url=url, context=context, by=by)

    send(Notice.MENTION, mentioned)
    if edit:
        return
    if comment.parent_id is not None:
        send(Notice.REPLY, [comment.parent.author])
    others = {u.pk: u for u in place.channel.circle(place.target)}
    others.update({u.pk: u for u in selectors.participants_of(place)})
    send(Notice.COMMENT, list(others.values()))


@transaction.atomic
def comment_post(
    *, place: Place, by: User, body: str, parent_id: int | None = None, language: str = "fr"
) -> Comment:
    """Post in a thread (made with its first comment). A reply answers a comment of the same
    thread that is not itself a reply (one level of replies), and not removed."""
    permission_require(by, "discussions.post_comment", place, _("You may not write here."))
    body = _clean(body)
    thread, _created = Thread.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(place.target),
        object_id=place.target.pk,
        channel=place.channel.key,
    )
    parent = None
    if parent_id:
        parent = Comment.objects.filter(pk=small_pk(parent_id), thread=thread).first()
        if parent is None or parent.parent_id is not None or parent.is_removed:
            raise BusinessError(_("This comment cannot be answered."))
    person_ensure(user=by)
    html, mentioned = _render(place=place, by=by, body=body)
    comment = Comment.objects.create(
        thread=thread,
        parent=parent,
        author=by,
        body=body,
        html=html,
        content_language=language if language in dict(settings.LANGUAGES) else "fr",
    )
    comment.mentions.set(mentioned)
    comment.place = place  # type: ignore[attr-defined]
    _tell(place=place, comment=comment, by=by, mentioned=mentioned)
    return comment


@transaction.atomic
def comment_edit(*, comment: Comment, by: User, body: str) -> Comment:
    """The author rewrites their comment; the earlier text stays in its history, readable by
    the thread's readers. Those newly mentioned are told."""
    permission_require(by, "discussions.edit_comment", comment, _("You may not edit this comment."))
    body = _clean(body)
    if body == comment.body:
        return comment
    place: Place = comment.place  # type: ignore[attr-defined]
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    CommentRevision.objects.create(
        comment=locked, body=locked.body, html=locked.html, written=locked.edited or locked.created
    )
    html, mentioned = _render(place=place, by=by, body=body)
    before = set(locked.mentions.values_list("pk", flat=True))
    comment.body, comment.html, comment.edited = body, html, timezone.now()
    comment.save(update_fields=["body", "html", "edited"])
    comment.mentions.set(mentioned)
    new = [user for user in mentioned if user.pk not in before]
    if new:
        _tell(place=place, comment=comment, by=by, mentioned=new, edit=True)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, by: User) -> Comment:
    """Delete a comment: its author, or whoever keeps the thread. Its place stays ("comment
    deleted") so that the replies still read in order; its text and history are gone."""
    permission_require(
        by, "discussions.delete_comment", comment, _("You may not delete this comment.")
    )
    comment.deleted = timezone.now()
    comment.body = comment.html = ""
    comment.save(update_fields=["deleted", "body", "html"])
    comment.revisions.all().delete()
    comment.mentions.clear()
    by_author = comment.author_id == by.pk
    audit_record(
        action=AuditAction.COMMENT_DELETED if by_author else AuditAction.COMMENT_REMOVED,
        by=by,
        target=comment,
    )
    return comment


@transaction.atomic
def comment_set_hidden(*, comment: Comment, hidden: bool) -> Comment:
    """Hide a comment from its thread, or show it again: moderation's lever, which checks
    who decides and records why (a hidden comment keeps its text for the team)."""
    comment.hidden = timezone.now() if hidden else None
    comment.save(update_fields=["hidden"])
    return comment

"""Reads of discussions: a thread's place, a page of its comments (two queries whatever its
length), one comment with its place, the people one may mention."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Prefetch, Q, QuerySet

from alliage.actors.models import Person
from alliage.actors.selectors import person_visible_q

from .models import Comment, CommentRevision, Thread
from .predicates import Place
from .targets import TARGETS, channel_of, model_of

if TYPE_CHECKING:
    from django.db import models

    from alliage.core.models import User

PAGE_SIZE = 20


class PlaceDoesNotExist(ObjectDoesNotExist):
    """No such target, or it has no such thread."""


def place_get(*, key: str, pk: int, channel: str) -> Place:
    """The thread ``channel`` of the object ``pk`` of the model ``key`` (not yet checked
    against the viewer: ``access_or_404`` asks ``discussions.read_thread``)."""
    model = model_of(key)
    if model is None:
        raise PlaceDoesNotExist
    target = model._default_manager.get(pk=pk)
    found = channel_of(target, channel)
    if found is None:
        raise PlaceDoesNotExist
    return Place(target=target, channel=found)


def place_of_target(target: models.Model, channel: str) -> Place | None:
    found = channel_of(target, channel)
    return Place(target=target, channel=found) if found is not None else None


def places_of(target: models.Model) -> list[Place]:
    key = f"{target._meta.app_label}.{target._meta.model_name}"
    return [Place(target=target, channel=channel) for channel in TARGETS.get(key, ())]


def thread_of(place: Place) -> Thread | None:
    return Thread.objects.filter(
        content_type=ContentType.objects.get_for_model(place.target),
        object_id=place.target.pk,
        channel=place.channel.key,
    ).first()


def _with_authors(comments: QuerySet[Comment]) -> QuerySet[Comment]:
    return comments.select_related("author__person").annotate(revision_count=Count("revisions"))


@dataclass
class CommentPage:
    """Top-level comments after a cursor, each with its replies, and the cursor of the next
    page (None on the last)."""

    comments: list[Comment]
    next_after: int | None
    total: int | None = None


def comments_page(*, place: Place, after: int = 0) -> CommentPage:
    """A page of the thread's comments, oldest first, each with its replies: two queries
    whatever the number of comments and replies (the thread is looked up by its target)."""
    ct = ContentType.objects.get_for_model(place.target)
    top = (
        _with_authors(Comment.objects.all())
        .filter(
            thread__content_type=ct,
            thread__object_id=place.target.pk,
            thread__channel=place.channel.key,
            parent__isnull=True,
            id__gt=after,
        )
        .order_by("id")
        .prefetch_related(
            Prefetch("replies", queryset=_with_authors(Comment.objects.order_by("id")))
        )
    )
    rows = list(top[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    for comment in rows:
        comment.place = place  # type: ignore[attr-defined]
        for reply in comment.replies.all():
            reply.place = place  # type: ignore[attr-defined]
    return CommentPage(comments=rows, next_after=rows[-1].pk if more else None)


def comment_get(*, pk: int) -> Comment:
    """One comment with its author and its place (for the permissions)."""
    comment = _with_authors(Comment.objects.select_related("thread")).get(pk=pk)
    thread = comment.thread
    ct = ContentType.objects.get_for_id(thread.content_type_id)
    model = model_of(f"{ct.app_label}.{ct.model}")
    if model is None:
        raise Comment.DoesNotExist
    target = model._default_manager.get(pk=thread.object_id)
    found = channel_of(target, thread.channel)
    if found is None:
        raise Comment.DoesNotExist
    comment.place = Place(target=target, channel=found)  # type: ignore[attr-defined]
    return comment


def comment_revisions(*, comment: Comment) -> QuerySet[CommentRevision]:
    return comment.revisions.all()


def participants_of(place: Place) -> QuerySet[User]:
    """Who wrote in the thread."""
    from alliage.core.models import User

    ct = ContentType.objects.get_for_model(place.target)
    return User.objects.filter(
        is_active=True,
        comments__thread__content_type=ct,
        comments__thread__object_id=place.target.pk,
        comments__thread__channel=place.channel.key,
    ).distinct()


def mentionable_q(*, place: Place, viewer: User) -> Q:
    """The people ``viewer`` may mention in the thread: those they may see in the directory,
    those who wrote in the thread, and its circle (a coalition's members in its members'
    thread). Nobody else's name is ever offered or linked."""
    circle = place.channel.circle(place.target).values("pk")
    return (
        person_visible_q(viewer)
        | Q(user__in=participants_of(place).values("pk"))
        | Q(user__in=circle)
    ) & Q(user__is_active=True)


def mention_candidates(*, place: Place, viewer: User, q: str, limit: int = 8) -> list[Person]:
    """People whose name holds every word typed, among those ``viewer`` may mention."""
    words = q.split()[:4]
    if not words:
        return []
    people = Person.objects.filter(mentionable_q(place=place, viewer=viewer))
    for word in words:
        word = word[:60]
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return list(people.order_by("last_name", "first_name", "id")[:limit])


def mentioned_people(*, place: Place, viewer: User, ids: list[int]) -> list[Person]:
    if not ids:
        return []
    return list(
        Person.objects.filter(mentionable_q(place=place, viewer=viewer), pk__in=ids).select_related(
            "user"
        )
    )


def comment_count(*, place: Place) -> int:
    ct = ContentType.objects.get_for_model(place.target)
    return Comment.objects.filter(
        thread__content_type=ct,
        thread__object_id=place.target.pk,
        thread__channel=place.channel.key,
    ).count()

"""What discussions hold about a person: the comments they wrote (and their earlier
versions). Erasure keeps the comments in their threads under the anonymous label (the
account becomes anonymous; the discussion still reads), and forgets whom they mentioned
and who mentioned the person."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData

from .models import Comment, CommentRevision


def _comments(user: User) -> QuerySet[Comment]:
    return Comment.objects.filter(author=user).order_by("created", "id")


def _row(comment: Comment) -> dict[str, object]:
    return {
        "written": comment.created,
        "edited": comment.edited,
        "deleted": comment.deleted,
        "comment": comment.body,
    }


def erase(user: User) -> None:
    """The comments that mention the person lose their name: the mention becomes the
    anonymous label, and the comment is rendered again."""
    from alliage.actors.models import Person

    from . import mentions

    person = Person.objects.filter(user=user).first()
    for comment in Comment.objects.filter(mentions=user).prefetch_related("mentions__person"):
        if person is not None:
            comment.body = mentions.forget(comment.body, person_id=person.pk)
        others = [u.person for u in comment.mentions.all() if u.pk != user.pk]
        comment.html = mentions.render(comment.body, others)
        comment.save(update_fields=["body", "html"])
    if person is not None:  # earlier versions, whether the comment still mentions them or not
        for revision in CommentRevision.objects.filter(body__contains=f"]({person.pk})"):
            revision.body = mentions.forget(revision.body, person_id=person.pk)
            revision.html = mentions.render(revision.body, [])
            revision.save(update_fields=["body", "html"])
    Comment.mentions.through.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(
    app_label="discussions",
    title=_("Discussions"),
    purpose=_("To hold discussions on coalitions, proposals and publications."),
    retention=_(
        "As long as your account exists; when you erase it, your comments stay under an anonymous "
        "label."
    ),
    recipients=_(
        "The people who may see the discussion (public, members or a coalition, depending on its "
        "channel)."
    ),
    models=("discussions.Comment", "discussions.CommentRevision", "discussions.Thread"),
    erase=erase,
    datasets=(
        Dataset(
            key="comments",
            title=_("Your comments"),
            description=_("What you wrote in discussions; a deleted comment has no text left."),
            query=_comments,
            row=_row,
            fields=(
                Field("written", _("Written"), _("when you posted it")),
                Field("edited", _("Edited"), _("when you last changed it")),
                Field("deleted", _("Deleted"), _("when it was deleted")),
                Field("comment", _("Comment"), _("its text, in markdown")),
            ),
        ),
    ),
)

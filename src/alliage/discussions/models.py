from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alliage.core.models import content_language_field


class Thread(models.Model):
    """The comments of one audience on one object: a coalition has a public thread and a
    members' thread, a proposal a private one. Made with its first comment."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    channel = models.CharField(_("channel"), max_length=20)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "channel"], name="discussions_thread_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}:{self.channel}"


class Comment(models.Model):
    """A comment, or a reply to one (one level: a reply's parent is a comment, never a reply).

    ``body`` is the markdown the author wrote; ``html`` its sanitised rendering with the
    mentions turned into links, made when it is written, so that a page of comments renders
    without parsing anything. A deleted comment keeps its place ("comment deleted") and loses
    its text; a hidden one (moderation) keeps its text for the team."""

    content_language = content_language_field()
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=10000)
    html = models.TextField(editable=False)
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="mentioned_in",
        verbose_name=_("mentions"),
    )
    created = models.DateTimeField(_("written"), auto_now_add=True)
    edited = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted = models.DateTimeField(_("deleted"), null=True, blank=True)
    hidden = models.DateTimeField(_("hidden by moderation"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ("created", "id")
        indexes = [
            models.Index(
                fields=["thread", "created", "id"],
                condition=Q(parent__isnull=True),
                name="discussions_top_level",
            ),
            models.Index(fields=["author", "created"]),
        ]

    def __str__(self) -> str:
        return f"{self.pk} by {self.author_id}"

    @property
    def is_removed(self) -> bool:
        return self.deleted is not None or self.hidden is not None


class CommentRevision(models.Model):
    """What a comment said before an edit: the edit history, shown to whoever reads the
    thread."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(_("comment"))
    html = models.TextField(editable=False)
    written = models.DateTimeField(_("written"))

    class Meta:
        verbose_name = _("comment revision")
        verbose_name_plural = _("comment revisions")
        ordering = ("-written", "-id")

    def __str__(self) -> str:
        return f"{self.comment_id} @ {self.written:%Y-%m-%d %H:%M}"

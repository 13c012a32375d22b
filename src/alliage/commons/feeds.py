"""RSS 2.0 and Atom feeds of the library: all publications, the articles, one programme's.
Only published publications ever appear."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from alliage.coalitions.models import Programme
from alliage.core.text import one_line, plain_text

from . import selectors
from .models import Publication, PublicationKind


class LibraryFeed(Feed):
    """The latest publications of the library. Stored texts are made writable first: XML
    refuses control characters, and one title must not break the feed for every reader."""

    feed_type = Rss201rev2Feed
    kind = ""
    language = None  # the request's language (Django's default for an empty one)

    def get_object(self, request: HttpRequest, *args, **kwargs) -> Programme | None:  # type: ignore[no-untyped-def]
        return None

    def title(self, obj: Programme | None) -> str:
        name = settings.SITE_NAME if obj is None else f"{settings.SITE_NAME} — {one_line(obj.name)}"
        if self.kind == PublicationKind.ARTICLE:
            return _("%(name)s: articles") % {"name": name}
        return _("%(name)s: library") % {"name": name}

    def description(self, obj: Programme | None) -> str:
        return _("Publications under free licences: cahiers, guides, kits, articles, datasets.")

    subtitle = description

    def link(self, obj: Programme | None) -> str:
        url = reverse("commons:library")
        if obj is not None:
            return f"{url}?programme={obj.slug}"
        return f"{url}?kind={self.kind}" if self.kind else url

    def items(self, obj: Programme | None) -> list[Publication]:
        return selectors.feed_publications(kind=self.kind, programme=obj)

    def item_title(self, item: Publication) -> str:
        return one_line(item.title)

    def item_description(self, item: Publication) -> str:
        return plain_text(item.summary)

    def item_link(self, item: Publication) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Publication) -> dt.datetime:
        tz = timezone.get_default_timezone()
        return dt.datetime.combine(item.published_on, dt.time(9, 0), tzinfo=tz)

    def item_updateddate(self, item: Publication) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Publication) -> str:
        authors = ", ".join(one_line(str(a)) for a in selectors.authors(item))
        return authors or settings.SITE_NAME

    def item_categories(self, item: Publication) -> list[str]:
        return [str(item.get_kind_display())]


class LibraryAtomFeed(LibraryFeed):
    feed_type = Atom1Feed


class ArticleFeed(LibraryFeed):
    kind = PublicationKind.ARTICLE


class ArticleAtomFeed(ArticleFeed):
    feed_type = Atom1Feed


class ProgrammeFeed(LibraryFeed):
    def get_object(self, request: HttpRequest, *args, **kwargs) -> Programme:  # type: ignore[no-untyped-def]
        return get_object_or_404(Programme, slug=kwargs["slug"])


class ProgrammeAtomFeed(ProgrammeFeed):
    feed_type = Atom1Feed

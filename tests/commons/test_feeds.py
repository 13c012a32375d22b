"""The feeds parse with feedparser, an independent reader, and carry published items only."""

from __future__ import annotations

import feedparser
import pytest
from django.test import Client

from ..factories import PublicationFactory
from .conftest import Library

pytestmark = pytest.mark.django_db


def parse(url: str) -> feedparser.FeedParserDict:
    response = Client().get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize(("suffix", "version"), [("rss", "rss20"), ("atom", "atom10")])
def test_library_feeds_carry_published_publications_only(
    library: Library, suffix: str, version: str
) -> None:
    feed = parse(f"/library/feed.{suffix}")
    assert feed.version == version
    titles = {entry.title for entry in feed.entries}
    assert titles == {library.published.title, library.dataset.title}
    entry = next(e for e in feed.entries if e.title == library.published.title)
    assert entry.link == "http://testserver" + library.published.get_absolute_url()
    assert entry.summary == library.published.summary
    assert entry.published_parsed is not None


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_article_feeds_carry_articles_only(library: Library, suffix: str) -> None:
    PublicationFactory(kind="article", title="Un article publié")
    PublicationFactory(kind="article", title="Un article en cours", status="draft",
                       published_on=None)  # fmt: skip
    feed = parse(f"/library/articles/feed.{suffix}")
    assert [e.title for e in feed.entries] == ["Un article publié"]


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_programme_feeds_carry_that_programmes_publications(library: Library, suffix: str):
    PublicationFactory(title="Ailleurs")
    feed = parse(f"/programmes/{library.programme.slug}/library/feed.{suffix}")
    assert {e.title for e in feed.entries} == {library.published.title, library.dataset.title}
    assert library.programme.name in feed.feed.title


def test_feeds_in_english_link_english_pages(library: Library) -> None:
    feed = parse("/en/library/feed.rss")
    assert all("/en/library/" in entry.link for entry in feed.entries)
    assert feed.feed.language == "en"


def test_pages_announce_their_feeds(library: Library) -> None:
    body = Client().get("/library/").content.decode()
    assert 'type="application/rss+xml"' in body and 'href="/library/feed.rss"' in body

from __future__ import annotations

from django.urls import path

from alliage.core.pagecache import ALL, anonymous_cached

from . import feeds, views

# What the library's feeds and the catalogue read.
FEEDS = ("commons", "coalitions", "actors")

app_name = "commons"

urlpatterns = [
    path(
        "library/",
        anonymous_cached("commons", "coalitions", "actors")(views.library),
        name="library",
    ),
    path("library/new/", views.publication_create, name="publication-create"),
    path("library/feed.rss", anonymous_cached(*FEEDS)(feeds.LibraryFeed()), name="feed-rss"),
    path("library/feed.atom", anonymous_cached(*FEEDS)(feeds.LibraryAtomFeed()), name="feed-atom"),
    path(
        "library/articles/feed.rss",
        anonymous_cached(*FEEDS)(feeds.ArticleFeed()),
        name="articles-rss",
    ),
    path(
        "library/articles/feed.atom",
        anonymous_cached(*FEEDS)(feeds.ArticleAtomFeed()),
        name="articles-atom",
    ),
    path("library/reuses/", views.moderation, name="moderation"),
    path("library/reuses/<int:pk>/moderate/", views.reuse_moderate, name="reuse-moderate"),
    path(
        "library/<slug:slug>/",
        anonymous_cached(*ALL)(views.publication_detail),
        name="publication-detail",
    ),
    path("library/<slug:slug>/edit/", views.publication_edit, name="publication-edit"),
    path("library/<slug:slug>/files/", views.publication_files, name="publication-files"),
    path("library/<slug:slug>/files/add/", views.publication_file_add, name="file-add"),
    path("library/<slug:slug>/resources/add/", views.resource_add, name="resource-add"),
    path(
        "library/<slug:slug>/files/<int:pk>/<str:filename>",
        views.file_download,
        name="file-download",
    ),
    path(
        "library/<slug:slug>/resources/<int:pk>/<str:filename>",
        views.resource_download,
        name="resource-download",
    ),
    path("library/<slug:slug>/cover", views.cover, name="cover"),
    path("library/<slug:slug>/dataset.jsonld", views.dataset_jsonld, name="dataset-jsonld"),
    path("library/<slug:slug>/reuse/", views.reuse_declare, name="reuse-declare"),
    path(
        "programmes/<slug:slug>/library/feed.rss",
        anonymous_cached(*FEEDS)(feeds.ProgrammeFeed()),
        name="programme-rss",
    ),
    path(
        "programmes/<slug:slug>/library/feed.atom",
        anonymous_cached(*FEEDS)(feeds.ProgrammeAtomFeed()),
        name="programme-atom",
    ),
    path("catalog.jsonld", anonymous_cached(*FEEDS)(views.catalog_jsonld), name="catalog"),
    path("opendata/", anonymous_cached("commons", "coalitions")(views.opendata), name="opendata"),
    path("opendata/archive.zip", views.opendata_archive, name="opendata-archive"),
    path("opendata/build/", views.opendata_build, name="opendata-build"),
    path("opendata/<slug:name>.csv", views.opendata_member, {"ext": "csv"}, name="opendata-csv"),
    path("opendata/<slug:name>.json", views.opendata_member, {"ext": "json"}, name="opendata-json"),
]

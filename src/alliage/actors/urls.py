from __future__ import annotations

from django.urls import path

from alliage.core.pagecache import ALL, anonymous_cached

from . import views

app_name = "actors"

urlpatterns = [
    path("", anonymous_cached("actors", "accounts")(views.directory), name="directory"),
    path("me/", views.profile_edit, name="profile-edit"),
    path("organisations/new/", views.organisation_create_own, name="organisation-create"),
    path(
        "organisations/<slug:slug>/",
        anonymous_cached(*ALL)(views.organisation_detail),
        name="organisation-detail",
    ),
    path("organisations/<slug:slug>/edit/", views.organisation_edit_own, name="organisation-edit"),
    path("organisations/<slug:slug>/join/", views.organisation_join, name="organisation-join"),
    path(
        "requests/<int:pk>/answer/",
        views.affiliation_request_answer,
        name="affiliation-request-answer",
    ),
    path("people/<int:pk>/", anonymous_cached(*ALL)(views.person_detail), name="person-detail"),
    path("people/<int:pk>/contact/", views.person_contact, name="person-contact"),
]

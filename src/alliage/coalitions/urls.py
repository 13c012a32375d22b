from __future__ import annotations

from django.urls import path

from alliage.core.pagecache import ALL, anonymous_cached

from . import views

app_name = "coalitions"

urlpatterns = [
    path("", anonymous_cached("coalitions", "actors")(views.home), name="home"),
    path(
        "programmes/<slug:slug>/",
        anonymous_cached("coalitions", "actors", "evaluation")(views.programme_detail),
        name="programme-detail",
    ),
    path(
        "coalitions/",
        anonymous_cached("coalitions", "actors")(views.coalition_list),
        name="coalition-list",
    ),
    path("coalitions/new/", views.coalition_propose, name="coalition-propose"),
    path(
        "coalitions/<slug:slug>/",
        anonymous_cached(*ALL)(views.coalition_detail),
        name="coalition-detail",
    ),
    path("coalitions/<slug:slug>/edit/", views.coalition_edit, name="coalition-edit"),
    path(
        "coalitions/<slug:slug>/edit/draft/",
        views.coalition_draft_keep,
        name="coalition-draft-keep",
    ),
    path(
        "coalitions/<slug:slug>/edit/draft/discard/",
        views.coalition_draft_discard,
        name="coalition-draft-discard",
    ),
    path(
        "coalitions/<slug:slug>/history/",
        anonymous_cached("coalitions", "actors")(views.coalition_history),
        name="coalition-history",
    ),
    path("coalitions/<slug:slug>/status/", views.coalition_transition, name="coalition-transition"),
    path("coalitions/<slug:slug>/join/", views.coalition_join, name="coalition-join"),
    path(
        "coalitions/<slug:slug>/join/withdraw/",
        views.join_request_withdraw,
        name="join-request-withdraw",
    ),
    path("coalitions/<slug:slug>/members/<int:pk>/", views.member_manage, name="member-manage"),
    path(
        "coalitions/<slug:slug>/members/<int:pk>/remove/",
        views.member_remove,
        name="member-remove",
    ),
    path(
        "coalitions/<slug:slug>/requests/<int:pk>/",
        views.join_request_decide,
        name="join-request-decide",
    ),
]

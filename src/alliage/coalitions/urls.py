from __future__ import annotations

from django.urls import path

from . import views

app_name = "coalitions"

urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme-detail"),
    path("coalitions/", views.coalition_list, name="coalition-list"),
    path("coalitions/new/", views.coalition_propose, name="coalition-propose"),
    path("coalitions/<slug:slug>/", views.coalition_detail, name="coalition-detail"),
    path("coalitions/<slug:slug>/edit/", views.coalition_edit, name="coalition-edit"),
    path("coalitions/<slug:slug>/history/", views.coalition_history, name="coalition-history"),
    path("coalitions/<slug:slug>/status/", views.coalition_transition, name="coalition-transition"),
    path("coalitions/<slug:slug>/join/", views.coalition_join, name="coalition-join"),
    path("coalitions/<slug:slug>/members/<int:pk>/", views.member_manage, name="member-manage"),
    path(
        "coalitions/<slug:slug>/requests/<int:pk>/",
        views.join_request_decide,
        name="join-request-decide",
    ),
]

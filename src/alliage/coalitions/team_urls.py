"""The team's pages of the coalitions app, under /team/ (`team:programmes:…`)."""

from __future__ import annotations

from django.urls import path

from . import team_views as views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="programme-list"),
    path("new/", views.programme_create, name="programme-create"),
    path("<slug:slug>/edit/", views.programme_edit, name="programme-edit"),
    path("<slug:slug>/move/", views.programme_move, name="programme-move"),
    path("<slug:slug>/archive/", views.programme_archive, name="programme-archive"),
    path("requests/", views.join_request_list, name="join-request-list"),
]

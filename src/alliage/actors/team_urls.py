"""The team's pages of the actors app, under /team/ (`team:actors:…`)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "actors"
urlpatterns = [
    path("", views.team_actors, name="actor-list"),
    path("organisations/new/", views.team_organisation_edit, name="organisation-create"),
    path("organisations/<int:pk>/", views.team_organisation_edit, name="organisation-edit"),
    path("people/new/", views.team_person_edit, name="person-create"),
    path("people/<int:pk>/", views.team_person_edit, name="person-edit"),
    path("merge/<slug:kind>/", views.team_merge, name="merge"),
    path("requests/", views.team_requests, name="request-list"),
    path("memberships/", views.team_memberships, name="membership-list"),
    path("memberships/export.csv", views.team_memberships_csv, name="membership-csv"),
    path("memberships/new/", views.team_membership_edit, name="membership-create"),
    path("memberships/<int:pk>/", views.team_membership_edit, name="membership-edit"),
    path("memberships/<int:pk>/renew/", views.team_membership_renew, name="membership-renew"),
    path("memberships/<int:pk>/decide/", views.team_membership_decide, name="membership-decide"),
]

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
    path("memberships/<int:pk>/payments/", views.team_payment_create, name="payment-create"),
    path(
        "memberships/<int:pk>/payments/<int:payment_pk>/remove/",
        views.team_payment_remove,
        name="payment-remove",
    ),
    path("tiers/", views.team_tiers, name="tier-list"),
    path("tiers/new/", views.team_tier_edit, name="tier-create"),
    path("tiers/<slug:code>/", views.team_tier_edit, name="tier-edit"),
    path("tiers/<slug:code>/delete/", views.team_tier_delete, name="tier-delete"),
]

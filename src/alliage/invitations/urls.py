from __future__ import annotations

from django.urls import path

from . import views

app_name = "invitations"

urlpatterns = [
    path("invitations/coalitions/<slug:slug>/new/", views.invite, name="invite"),
    path("invitations/link/<str:token>/", views.invitation_link, name="invitation-link"),
    path("invitations/<int:pk>/", views.invitation_detail, name="invitation-detail"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation-revoke"),
    path("introductions/new/", views.introduction_ask, name="introduction-ask"),
    path("introductions/<int:pk>/", views.introduction_detail, name="introduction-detail"),
    path("me/introductions/", views.introduction_list, name="introduction-list"),
]

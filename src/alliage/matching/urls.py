from __future__ import annotations

from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("coalitions/<slug:slug>/invite/", views.invite, name="invite"),
    path(
        "actors/organisations/<slug:slug>/coalitions-for/",
        views.for_organisation,
        name="for-organisation",
    ),
    path("actors/people/<int:pk>/coalitions-for/", views.for_person, name="for-person"),
    path("matching/similar/", views.similar, name="similar"),
    path("calls/<slug:slug>/convergences/", views.convergences, name="convergences"),
    path("calls/<slug:slug>/convergences/start/", views.start_coalition, name="start-coalition"),
]

"""The team's pages of the agenda app, under /team/ (`team:agenda:…`)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "agenda"
urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("new/", views.event_create, name="event-create"),
    path("series/new/", views.series_create, name="series-create"),
    path("series/<slug:slug>/", views.series_edit, name="series-edit"),
    path("<slug:slug>/edit/", views.event_edit, name="event-edit"),
    path("<slug:slug>/duplicate/", views.event_duplicate, name="event-duplicate"),
    path("<slug:slug>/cancel/", views.event_cancel, name="event-cancel"),
    path("<slug:slug>/postpone/", views.event_postpone, name="event-postpone"),
    path("<slug:slug>/invited/", views.event_invited, name="event-invited"),
]

"""The team's pages of the calls app, under /team/ (`team:calls:…`)."""

from __future__ import annotations

from django.urls import path

from .views import team

app_name = "calls"
urlpatterns = [
    path("", team.call_list, name="call-list"),
    path("new/", team.call_create, name="call-create"),
    path("<slug:slug>/", team.call_edit, name="call-edit"),
    path("<slug:slug>/questions/", team.call_questions, name="call-questions"),
    path("<slug:slug>/rubric/", team.call_rubric, name="call-rubric"),
    path("<slug:slug>/reviewers/", team.call_reviewers, name="call-reviewers"),
    path("<slug:slug>/reviewers/search/", team.reviewer_search, name="reviewer-search"),
    path("<slug:slug>/duplicate/", team.call_duplicate, name="call-duplicate"),
]

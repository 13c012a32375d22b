from __future__ import annotations

from django.urls import path

from alliage.core.pagecache import CLOCK, anonymous_cached

from . import views

app_name = "calls"

urlpatterns = [
    path(
        "",
        anonymous_cached("calls", "coalitions", timeout=CLOCK)(views.call_list),
        name="call-list",
    ),
    path("me/", views.my_submissions, name="my-submissions"),
    path("reviews/", views.reviewer_queue, name="reviewer-queue"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("submissions/<int:pk>/attachment/", views.submission_attachment, name="attachment"),
    path("submissions/<int:pk>/withdraw/", views.submission_withdraw, name="submission-withdraw"),
    path("submissions/<int:pk>/review/", views.review_form, name="review-form"),
    path("submissions/<int:pk>/conflict/", views.conflict_declare, name="conflict-declare"),
    path("submissions/<int:pk>/assign/", views.assign_reviewer, name="assign-reviewer"),
    path("submissions/<int:pk>/decide/", views.decide, name="decide"),
    path(
        "<slug:slug>/",
        anonymous_cached("calls", "coalitions", timeout=CLOCK)(views.call_detail),
        name="call-detail",
    ),
    path("<slug:slug>/submit/", views.submission_edit, name="submission-edit"),
    path("<slug:slug>/submit/autosave/", views.submission_autosave, name="submission-autosave"),
    path("<slug:slug>/ranking/", views.ranking, name="ranking"),
    path("<slug:slug>/assign/", views.assign_auto, name="assign-auto"),
    path("<slug:slug>/publish/", views.publish_decisions, name="publish-decisions"),
    path("<slug:slug>/decision/", views.decision_form, name="decision-form"),
    path("<slug:slug>/publish/confirm/", views.publish_confirm, name="publish-confirm"),
    path("<slug:slug>/invite/", views.invite_retained, name="invite-retained"),
    path("<slug:slug>/invite/confirm/", views.invite_confirm, name="invite-confirm"),
    path("<slug:slug>/remind/", views.reviewer_remind, name="reviewer-remind"),
]

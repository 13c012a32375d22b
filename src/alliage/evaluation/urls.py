from __future__ import annotations

from django.urls import path

from alliage.core.pagecache import anonymous_cached

from . import views

app_name = "evaluation"

coalition = "coalitions/<slug:slug>/"

urlpatterns = [
    path(
        f"{coalition}impact/",
        anonymous_cached("evaluation", "coalitions")(views.coalition_impact),
        name="coalition-impact",
    ),
    path(f"{coalition}impact.csv", views.coalition_impact_csv, name="coalition-impact-csv"),
    path(f"{coalition}indicators/new/", views.indicator_create, name="indicator-create"),
    path(f"{coalition}indicators/<int:pk>/", views.indicator_detail, name="indicator-detail"),
    path(f"{coalition}indicators/<int:pk>/edit/", views.indicator_edit, name="indicator-edit"),
    path(
        f"{coalition}indicators/<int:pk>/delete/", views.indicator_delete, name="indicator-delete"
    ),
    path(
        f"{coalition}indicators/<int:pk>/measurements/<int:measurement>/delete/",
        views.measurement_delete,
        name="measurement-delete",
    ),
    path(
        f"{coalition}assessments/new/<str:side>/",
        views.assessment_create,
        name="assessment-create",
    ),
    path(f"{coalition}assessments/compare/", views.assessment_compare, name="assessment-compare"),
    path(f"{coalition}assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path(
        "programmes/<slug:slug>/impact/",
        anonymous_cached("evaluation", "coalitions")(views.programme_impact),
        name="programme-impact",
    ),
    path(
        "programmes/<slug:slug>/impact.csv",
        views.programme_impact_csv,
        name="programme-impact-csv",
    ),
]

from __future__ import annotations

from django.urls import path

from . import views

app_name = "selfdata"

urlpatterns = [
    path("me/data/", views.my_data, name="my-data"),
    path("me/data/export/", views.export_request, name="export-request"),
    path("me/data/download/<str:token>/", views.export_download, name="export-download"),
    path("me/data/<slug:app_label>/<slug:key>/", views.my_dataset, name="my-dataset"),
    path("me/consents/", views.consents, name="consents"),
    path("me/audit/", views.my_audit, name="my-audit"),
    path("me/delete/", views.account_delete, name="account-delete"),
    path("team/audit/", views.audit_log, name="audit-log"),
    path("team/inactive-accounts/", views.inactive_accounts, name="inactive-accounts"),
]

"""The team's bulk imports, under /team/import/ (`team:imports:…`)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.start, name="start"),
    path("preview/", views.preview, name="preview"),
    path("commit/", views.commit, name="commit"),
    path("template/<slug:kind>.csv", views.template_file, name="template"),
]

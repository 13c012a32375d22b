from __future__ import annotations

from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [path("report/<str:key>/<int:pk>/", views.report, name="report")]

from __future__ import annotations

from django.urls import path

from . import views

app_name = "legal"

urlpatterns = [
    path("legal/", views.legal_notice, name="legal-notice"),
    path("legal/privacy/", views.privacy, name="privacy"),
    path("legal/terms/", views.terms, name="terms"),
    path("legal/accessibility/", views.accessibility, name="accessibility"),
    path("status/", views.status, name="status"),
]

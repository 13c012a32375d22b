"""API: the public REST API /api/v1/ (django-ninja, OpenAPI 3), personal API tokens, problem
details. May import every app below it: it calls their selectors and services."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "alliage.api"
    label = "api"
    verbose_name = _("API")

"""Site search: one search (/search/) over coalitions, organisations, people, events, calls
and publications. Owns no data; may import the selectors of actors, coalitions, agenda,
calls and commons (each list's own visibility filter and search), and core."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesearchConfig(AppConfig):
    name = "alliage.sitesearch"
    label = "sitesearch"
    verbose_name = _("Site search")

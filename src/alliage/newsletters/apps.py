"""Newsletters: a programme team's newsletters, their audience (people who consented, narrowed),
their sending in batches and their public archive. Imports core, actors, coalitions, follows
and selfdata (their selectors and services)."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "alliage.newsletters"
    label = "newsletters"
    verbose_name = _("Newsletters")

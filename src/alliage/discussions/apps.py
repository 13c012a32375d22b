"""Discussions: the threads of comments on coalitions, proposals, publications and Facteur 4
assessments, with replies, mentions and edit history. Sits above the apps it discusses
(coalitions, calls, commons, evaluation), reads them through their permissions and
selectors, and tells people through notifications."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "alliage.discussions"
    label = "discussions"
    verbose_name = _("Discussions")

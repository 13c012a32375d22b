"""Calls: calls for ideas, projects and applications, submissions, blind review, decisions.

May import core, actors and coalitions (an accepted submission becomes a coalition).
"""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "alliage.calls"
    label = "calls"
    verbose_name = _("Calls")

    def ready(self) -> None:
        from alliage.coalitions.registry import register_page_section

        from .profile import calls_section

        register_page_section(calls_section)

        from alliage.core.personal_data import register_personal_data

        from .selfdata import PERSONAL_DATA

        register_personal_data(PERSONAL_DATA)

        from alliage.core.opendata import register_queryset_exporter

        from .models import Call, CallVisibility, Decision, Submission

        register_queryset_exporter(
            "calls",
            title=_("Calls"),
            queryset=lambda: Call.objects.filter(visibility=CallVisibility.PUBLIC).order_by("pk"),
            fields="slug title kind programme__slug opens_at closes_at decided_at description "
            "eligibility",
            app_label=self.label,
        )
        register_queryset_exporter(
            "accepted-projects",
            title=_("Accepted projects"),
            description=_("Projects accepted by public calls whose decisions are published."),
            queryset=lambda: Submission.objects.filter(
                call__visibility=CallVisibility.PUBLIC,
                call__decided_at__isnull=False,
                status="submitted",
                decision=Decision.ACCEPTED,
            ).order_by("pk"),
            fields="call__slug title summary organisation__name coalition__slug",
            app_label=self.label,
        )

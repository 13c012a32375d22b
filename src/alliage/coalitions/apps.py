"""Coalitions: programmes, coalitions and their canvas, members, join requests and history.

May import core and actors.
"""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "alliage.coalitions"
    label = "coalitions"
    verbose_name = _("Coalitions")

    def ready(self) -> None:
        from alliage.actors.registry import register_profile_section, register_team_check
        from alliage.core.personal_data import register_personal_data

        from .predicates import team_programme_ids
        from .profile import coalitions_section
        from .selfdata import PERSONAL_DATA

        register_profile_section(coalitions_section)
        register_team_check(lambda user: bool(team_programme_ids(user)))
        register_personal_data(PERSONAL_DATA)
        self._register_opendata()

    def _register_opendata(self) -> None:
        """Programmes, and published coalitions with their canvas (never members' notes)."""
        from alliage.core.opendata import register_queryset_exporter

        from .models import Coalition, Milestone, Programme

        canvas = (
            "summary status diagnostic swot_strengths swot_weaknesses swot_opportunities "
            "swot_threats impact_statement target_date levers seeking evaluation created_at "
            "updated_at"
        )
        register_queryset_exporter(
            "programmes",
            title=_("Programmes"),
            queryset=lambda: Programme.objects.order_by("position", "pk"),
            fields="slug name kind tagline description starts_on ends_on",
            app_label=self.label,
        )
        register_queryset_exporter(
            "coalitions",
            title=_("Coalitions"),
            description=_("Published coalitions and their canvas."),
            queryset=lambda: Coalition.objects.filter(is_published=True).order_by("pk"),
            fields=f"slug title programme__slug {canvas}",
            app_label=self.label,
        )
        register_queryset_exporter(
            "milestones",
            title=_("Milestones"),
            description=_("The path of milestones of the published coalitions."),
            queryset=lambda: Milestone.objects.filter(coalition__is_published=True).order_by(
                "coalition_id", "position", "pk"
            ),
            fields="coalition__slug position title due_date status",
            app_label=self.label,
        )

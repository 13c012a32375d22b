"""What evaluation adds to other apps' pages: the indicators and the Facteur 4 dialogue in the
coalition canvas's evaluation section, the impact figures on a programme page."""

from __future__ import annotations

from django.http import HttpRequest

from alliage.actors.registry import ProfileSection
from alliage.coalitions.models import Coalition, Programme

from . import selectors


def impact_section(request: HttpRequest, obj: Programme | Coalition) -> ProfileSection:
    user = request.user
    if isinstance(obj, Programme):
        indicators = selectors.programme_indicators(programme=obj, viewer=user)
        return ProfileSection(
            template="evaluation/_programme_panel.html",
            context={
                "programme": obj,
                "total": len(indicators),
                "counts": selectors.status_counts(indicators),
            },
        )
    assessments = selectors.assessments_for(coalition=obj, viewer=user)
    latest_self, latest_other = selectors.dialogue(assessments)
    return ProfileSection(
        template="evaluation/_coalition_section.html",
        slot="evaluation",
        context={
            "indicators": selectors.indicators_for(coalition=obj, viewer=user, measurements=False),
            "assessments": assessments[:5],
            "latest_self": latest_self,
            "latest_other": latest_other,
            "can_manage": user.has_perm("evaluation.manage_indicators", obj),
            "can_assess_self": user.has_perm("evaluation.assess_self", obj),
            "can_assess_other": user.has_perm("evaluation.assess_accompanier", obj),
        },
    )

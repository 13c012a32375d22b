"""What evaluation contributes: the indicators and the Facteur 4 dialogue in the coalition
canvas's evaluation part, the impact figures on a programme page, and its personal data."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alliage.coalitions.models import Coalition, Programme
from alliage.core import hooks
from alliage.core.hooks import NavItem, Section, Slot
from alliage.core.personal_data import register_personal_data
from alliage.notifications.kinds import Delivery, Kind

from . import selectors, services
from .audit import AuditAction
from .selfdata import PERSONAL_DATA

register_personal_data(PERSONAL_DATA)


@hooks.register(hooks.PAGE_SECTIONS, order=40)
def impact_section(request: HttpRequest, obj: object) -> Section | None:
    if not isinstance(obj, Programme | Coalition):
        return None
    user = request.user
    if isinstance(obj, Programme):
        counts = selectors.programme_indicator_counts(programme=obj, viewer=user)
        return Section(
            template="evaluation/_programme_panel.html",
            context={
                "programme": obj,
                "total": sum(n for _key, _label, n in counts),
                "counts": counts,
            },
        )
    assessments = selectors.assessments_for(coalition=obj, viewer=user)
    latest_self, latest_other = selectors.dialogue(assessments)
    return Section(
        template="evaluation/_coalition_section.html",
        slot=Slot.EVALUATION,
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


hooks.register(
    hooks.TEAM_NAV,
    NavItem(label=_("Indicators"), url_name="team:indicators:attention-list"),
    order=60,
)

hooks.register(
    hooks.NOTIFICATION_KINDS,
    Kind(
        key=services.MEASUREMENT_DUE,
        label=_("An indicator of a coalition I lead needs a new measurement"),
        message=_(
            "The indicator “%(indicator)s” of %(coalition)s has not been measured since "
            "%(date)s: a measurement is due."
        ),
        default=Delivery.NOW,
        group=_("Evaluation"),
    ),
)
hooks.register(hooks.REMINDERS, services.measurement_reminders_send)


@hooks.register(hooks.TEAM_PULSE, order=60)
def attention_panel(request: HttpRequest, programmes: list[Programme]) -> Section | None:
    """Indicators late or not measured for 90 days, per programme: one query."""
    if not programmes:
        return None
    counts = selectors.attention_counts(
        selectors.indicators_needing_attention(programmes=programmes)
    )
    return Section(
        template="evaluation/team/_pulse.html",
        slot=Slot.MAIN,
        context={
            "rows": [(p, counts[p.pk]) for p in programmes if p.pk in counts],
            "stale_days": selectors.STALE_DAYS,
        },
    )


@hooks.register(hooks.ME_SECTIONS, order=30)
def indicators_to_measure(request: HttpRequest, person: object) -> Section:
    return Section(
        template="evaluation/me/_waiting.html",
        slot=Slot.WAITING,
        context={"indicators": selectors.indicators_to_measure(user=request.user)},
    )


hooks.register(hooks.AUDIT_ACTIONS, AuditAction)

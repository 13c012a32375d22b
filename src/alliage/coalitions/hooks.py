"""What coalitions contributes: the coalitions an actor takes part in on their profile, who is
on a programme's team, its personal data and its open data (programmes, published coalitions
and their path)."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Organisation, Person
from alliage.core import hooks
from alliage.core.audit import audit_targets_q
from alliage.core.hooks import NavItem, Reportable, Section, Slot
from alliage.core.models import User
from alliage.core.opendata import register_queryset_exporter
from alliage.core.personal_data import register_personal_data
from alliage.notifications.kinds import Delivery, Kind

from . import selectors, services, signals
from .audit import AuditAction
from .models import Coalition, Milestone, Programme, coalition_published_q
from .predicates import team_programme_ids
from .selfdata import PERSONAL_DATA
from .services import Notice

register_personal_data(PERSONAL_DATA)
hooks.register(hooks.WORKER_SWEEPS, services.canvas_drafts_expire)
signals.connect()

LIST_URL = "team:programmes:programme-list"


@hooks.register(hooks.ACTOR_SECTIONS, order=10)
def coalitions_section(request: HttpRequest, actor: Organisation | Person) -> Section:
    if isinstance(actor, Organisation):
        rows = [
            (c, None)
            for c in selectors.coalitions_of_organisation(organisation=actor, viewer=request.user)
        ]
    else:
        rows = selectors.coalitions_of_person(person=actor, viewer=request.user)
    return Section(template="coalitions/_profile_coalitions.html", context={"rows": rows})


@hooks.register(hooks.TEAM_CHECK)
def on_a_programme_team(user: User) -> bool:
    return bool(team_programme_ids(user))


CANVAS = (
    "summary status diagnostic swot_strengths swot_weaknesses swot_opportunities "
    "swot_threats impact_statement target_date levers seeking evaluation created_at "
    "updated_at"
)
register_queryset_exporter(
    "programmes",
    title=_("Programmes"),
    queryset=lambda: Programme.objects.order_by("position", "pk"),
    fields="slug name kind tagline description starts_on ends_on",
    app_label="coalitions",
)
register_queryset_exporter(
    "coalitions",
    title=_("Coalitions"),
    description=_("Published coalitions and their canvas."),
    queryset=lambda: Coalition.objects.published().order_by("pk"),
    fields=f"slug title programme__slug {CANVAS}",
    app_label="coalitions",
)
register_queryset_exporter(
    "milestones",
    title=_("Milestones"),
    description=_("The path of milestones of the published coalitions."),
    queryset=lambda: Milestone.objects.filter(coalition_published_q("coalition__")).order_by(
        "coalition_id", "position", "pk"
    ),
    fields="coalition__slug position title due_date status",
    app_label="coalitions",
)


hooks.register(hooks.AUDIT_ACTIONS, AuditAction)
hooks.register(hooks.TEAM_NAV, NavItem(label=_("Programmes"), url_name=LIST_URL), order=10)


@hooks.register(hooks.TEAM_PULSE, order=10)
def funnel_panel(request: HttpRequest, programmes: list[Programme]) -> Section | None:
    """Per programme, its coalitions at each stage with their heterogeneity, and the join
    requests waiting more than a week: three queries whatever the volume."""
    if not programmes:
        return None
    late = selectors.join_requests_late_counts(programmes=programmes)
    return Section(
        template="coalitions/team/_pulse.html",
        slot=Slot.MAIN,
        context={
            "funnels": selectors.coalition_funnel(programmes=programmes),
            "late": [(p, late.get(p.pk, 0)) for p in programmes],
            "late_total": sum(late.values()),
            "late_days": selectors.JOIN_REQUEST_LATE_DAYS,
            "heterogeneous_from": selectors.HETEROGENEOUS_FROM,
        },
    )


@hooks.register(hooks.ME_SECTIONS, order=10)
def requests_to_answer(request: HttpRequest, person: Person | None) -> Section:
    """What waits for a coalition's lead: the requests to join it, and its milestones due."""
    return Section(
        template="coalitions/me/_waiting.html",
        slot=Slot.WAITING,
        context={
            "join_requests": selectors.join_requests_to_answer(user=request.user),
            "milestones": selectors.milestones_due_for(user=request.user),
            "soon_days": selectors.MILESTONE_SOON_DAYS,
            "today": timezone.localdate(),
        },
    )


@hooks.register(hooks.ME_SECTIONS, order=10)
def my_coalitions(request: HttpRequest, person: Person | None) -> Section:
    rows = selectors.coalitions_of_person(person=person, viewer=request.user) if person else []
    return Section(
        template="coalitions/me/_coalitions.html", slot=Slot.MAIN, context={"rows": rows}
    )


@hooks.register(hooks.AUDIT_SCOPE)
def audit_about_programmes(programme_ids: frozenset[int]) -> Q:
    """A programme's team reads what was done to its programmes and their coalitions."""
    return audit_targets_q(Programme.objects.filter(pk__in=programme_ids)) | audit_targets_q(
        Coalition.objects.filter(programme__in=programme_ids)
    )


hooks.register(hooks.SEARCH_INDEXES, selectors.SEARCH_INDEX)


_GROUP = _("Coalitions")
for _kind in (
    Kind(
        key=Notice.JOIN_REQUESTED,
        label=_("Someone asks to join a coalition I lead"),
        message=_("%(name)s asks to join %(coalition)s."),
        default=Delivery.NOW,
        group=_GROUP,
    ),
    Kind(
        key=Notice.JOIN_ACCEPTED,
        label=_("My request to join a coalition is accepted"),
        message=_("Your request to join %(coalition)s is accepted: you are a member."),
        default=Delivery.NOW,
        group=_GROUP,
    ),
    Kind(
        key=Notice.JOIN_DECLINED,
        label=_("My request to join a coalition is declined"),
        message=_("Your request to join %(coalition)s was declined."),
        default=Delivery.NOW,
        group=_GROUP,
    ),
    Kind(
        key=Notice.CANVAS_CHANGED,
        label=_("The canvas of a coalition I follow changes"),
        message=_("The canvas of %(coalition)s changed."),
        default=Delivery.DAILY,
        group=_GROUP,
    ),
    Kind(
        key=Notice.MILESTONE_ADDED,
        label=_("A coalition I follow sets a new milestone"),
        message=_("%(coalition)s set a new milestone: %(milestone)s."),
        default=Delivery.DAILY,
        group=_GROUP,
    ),
    Kind(
        key=Notice.MILESTONE_DUE,
        label=_("A milestone of a coalition I lead is due within a week"),
        message=_("The milestone “%(milestone)s” of %(coalition)s is due on %(date)s."),
        default=Delivery.NOW,
        group=_GROUP,
    ),
    Kind(
        key=Notice.MILESTONE_OVERDUE,
        label=_("A milestone of a coalition I lead is overdue"),
        message=_(
            "The milestone “%(milestone)s” of %(coalition)s was due on %(date)s: mark it "
            "done, or move its date."
        ),
        default=Delivery.NOW,
        group=_GROUP,
    ),
    Kind(
        key=Notice.MEMBER_JOINED,
        label=_("A new member joins one of my coalitions"),
        message=_("%(name)s joined %(coalition)s."),
        default=Delivery.DAILY,
        group=_GROUP,
    ),
):
    hooks.register(hooks.NOTIFICATION_KINDS, _kind)

hooks.register(hooks.REMINDERS, services.milestone_reminders_send)


def _coalition(pk: int) -> Coalition:
    return Coalition.objects.select_related("programme").get(pk=pk)


hooks.register(
    hooks.REPORTABLES,
    Reportable(
        key="coalitions.coalition",
        fetch=_coalition,
        see="coalitions.see_coalition",
        programme_id=lambda coalition: coalition.programme_id,
        authors=lambda coalition: services.coalition_leads(coalition),
        set_hidden=lambda coalition, hidden: services.coalition_set_hidden(
            coalition=coalition, hidden=hidden
        ),
        is_hidden=lambda coalition: coalition.hidden_by_moderation,
        text=lambda coalition: f"{coalition.title}\n{coalition.summary}",
        where=lambda coalition: coalition,
        url=lambda coalition: coalition.get_absolute_url(),
        can_report=lambda coalition: coalition.is_published or coalition.hidden_by_moderation,
    ),
)

"""What calls contributes: a programme's calls on its page, its personal data and its open data
(public calls, the accepted projects of published decisions)."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliage.coalitions.models import Coalition, Programme
from alliage.core import hooks
from alliage.core.audit import audit_targets_q
from alliage.core.hooks import NavItem, Section, Slot
from alliage.core.opendata import register_queryset_exporter
from alliage.core.personal_data import register_personal_data
from alliage.notifications.kinds import Delivery, Kind

from . import selectors, services
from .audit import AuditAction
from .models import Call, CallVisibility, Decision, Submission, SubmissionStatus
from .selfdata import PERSONAL_DATA
from .services import CALL_OPENED, Notice

register_personal_data(PERSONAL_DATA)


@hooks.register(hooks.PAGE_SECTIONS, order=20)
def calls_section(request: HttpRequest, obj: Programme | Coalition) -> Section | None:
    if not isinstance(obj, Programme):
        return None
    calls = list(selectors.call_list(viewer=request.user).filter(programme=obj)[:4])
    if not calls:
        return None
    return Section(template="calls/_programme_calls.html", context={"calls": calls})


register_queryset_exporter(
    "calls",
    title=_("Calls"),
    queryset=lambda: Call.objects.filter(visibility=CallVisibility.PUBLIC).order_by("pk"),
    fields="slug title kind programme__slug opens_at closes_at decided_at description eligibility",
    app_label="calls",
)
register_queryset_exporter(
    "accepted-projects",
    title=_("Accepted projects"),
    description=_("Projects accepted by public calls whose decisions are published."),
    queryset=lambda: Submission.objects.filter(
        call__visibility=CallVisibility.PUBLIC,
        call__decided_at__isnull=False,
        status=SubmissionStatus.SUBMITTED,
        decision=Decision.ACCEPTED,
    ).order_by("pk"),
    fields="call__slug title summary organisation__name coalition__slug",
    app_label="calls",
)


hooks.register(hooks.AUDIT_ACTIONS, AuditAction)
hooks.register(hooks.TEAM_NAV, NavItem(label=_("Calls"), url_name="team:calls:call-list"), order=20)


@hooks.register(hooks.TEAM_PULSE, order=20)
def calls_pulse(request: HttpRequest, programmes: list[Programme]) -> Section | None:
    """Calls in progress, per programme: proposals sent and drafts, reviews done and due, and
    the reviewers late with theirs; three queries whatever the number of calls."""
    if not programmes:
        return None
    pulses = selectors.calls_in_progress(programmes=programmes)
    late = selectors.calls_late_reviewers(calls=[p.call for p in pulses])
    return Section(
        template="calls/team/_pulse.html",
        context={"pulses": [(p, late.get(p.call.pk, 0)) for p in pulses]},
    )


@hooks.register(hooks.ME_SECTIONS, order=20)
def my_reviews_section(request: HttpRequest, person: object) -> Section | None:
    """ "Proposals to review", by call with their due date, in what waits for the signed-in
    person."""
    rows = selectors.reviews_waiting(viewer=request.user)
    if not rows:
        return None
    return Section(template="calls/_me_reviews.html", context={"rows": rows}, slot=Slot.WAITING)


@hooks.register(hooks.ME_SECTIONS, order=20)
def my_submissions_section(request: HttpRequest, person: object) -> Section | None:
    """ "My proposals and drafts": the person's submissions to calls, latest first."""
    if person is None or not request.user.is_authenticated:
        return None
    submissions = list(selectors.submissions_of(viewer=request.user)[:6])
    if not submissions:
        return None
    items = [
        {
            "submission": s,
            # a draft is continued where it is written; a sent one is read on its page
            "url": (
                reverse("calls:submission-edit", kwargs={"slug": s.call.slug})
                if s.status == SubmissionStatus.DRAFT
                else s.get_absolute_url()
            ),
            "state": (
                s.get_decision_display()
                if s.decision and s.call.decided_at
                else s.get_status_display()
            ),
        }
        for s in submissions
    ]
    return Section(template="calls/_me_submissions.html", context={"items": items}, slot=Slot.MAIN)


@hooks.register(hooks.AUDIT_SCOPE)
def audit_about_calls(programme_ids: frozenset[int]) -> Q:
    """A programme's team reads what was done to its calls and their submissions."""
    return audit_targets_q(Call.objects.filter(programme__in=programme_ids)) | audit_targets_q(
        Submission.objects.filter(call__programme__in=programme_ids)
    )


hooks.register(hooks.SEARCH_INDEXES, selectors.SEARCH_INDEX)

_GROUP = _("Calls")
for _kind in (
    Kind(
        key=CALL_OPENED,
        label=_("A call is opened in a programme I follow"),
        message=_("New call in %(programme)s: %(call)s."),
        default=Delivery.DAILY,
        group=_GROUP,
    ),
    Kind(
        key=Notice.DRAFT_CLOSING,
        label=_("A call closes in three days and my proposal is still a draft"),
        message=_("%(call)s closes on %(date)s and your proposal is not sent yet."),
        default=Delivery.NOW,
        group=_GROUP,
    ),
    Kind(
        key=Notice.REVIEW_ASSIGNED,
        label=_("Proposals are given to me to review"),
        message=_("Proposals to review in %(call)s were given to you (%(count)s)."),
        default=Delivery.NEVER,  # the assignment e-mail of calls goes out anyway
        group=_GROUP,
    ),
    Kind(
        key=Notice.REVIEW_DUE,
        label=_("My reviews are due soon"),
        message=_("Your reviews for %(call)s are due in less than three days."),
        default=Delivery.NEVER,  # the reminder e-mail goes out anyway
        group=_GROUP,
    ),
    Kind(
        key=Notice.REVIEW_OVERDUE,
        label=_("My reviews are overdue"),
        message=_("Your reviews for %(call)s are overdue."),
        default=Delivery.NEVER,
        group=_GROUP,
    ),
    Kind(
        key=Notice.DECISIONS_PUBLISHED,
        label=_("The decisions of a call I answered are published"),
        message=_("The decisions of %(call)s are published: see yours."),
        default=Delivery.NEVER,  # the decision e-mail, with its message, goes out anyway
        group=_GROUP,
    ),
):
    hooks.register(hooks.NOTIFICATION_KINDS, _kind)

hooks.register(hooks.REMINDERS, services.draft_reminders_send)

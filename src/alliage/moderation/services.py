"""Writes of moderation: a report (three people reporting the same thing hide it until the
team decides), and the team's decision, with its reason, told to the author and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.core.errors import BusinessError
from alliage.core.hooks import Reportable
from alliage.core.services import audit_record, permission_require
from alliage.notifications.services import notification_send

from .audit import AuditAction
from .models import Case, CaseState, Reason, Report
from .targets import reportables

if TYPE_CHECKING:
    from alliage.core.models import User


class Notice:
    HIDDEN = "moderation.hidden"
    KEPT = "moderation.kept"


def hide_threshold() -> int:
    """Reports by this many different people hide a thing until the team decides."""
    return int(getattr(settings, "ALLIAGE_MODERATION_HIDE_AFTER", 3))


def _reportable(key: str) -> Reportable:
    found = reportables().get(key)
    if found is None:
        raise BusinessError(_("This cannot be reported."))
    return found


def _tell_authors(
    *, reportable: Reportable, obj: Any, kind: str, by: User | None, note: str
) -> None:
    authors = [user for user in reportable.authors(obj) if user is not None and user.is_active]
    if authors:
        notification_send(
            kind=kind,
            recipients=authors,
            url=reportable.url(obj),
            context={"target": str(reportable.where(obj)), "reason": note},
            by=by,
        )


@transaction.atomic
def report_create(*, key: str, obj: Any, by: User, reason: str, note: str = "") -> Report:
    """``by`` reports ``obj``, which they see, once until the team decides. When the reports
    of different people on a thing not yet decided reach the threshold, it is hidden until
    the team decides, and its author is told."""
    reportable = _reportable(key)
    permission_require(by, "moderation.report", obj, _("You may not report this."))
    permission_require(by, reportable.see, obj, _("You may not report this."))
    if not reportable.can_report(obj):
        raise BusinessError(_("Only what is public may be reported."))
    if reason not in Reason.values:
        raise BusinessError(_("Choose a reason."), field="reason")
    note = note.strip()[:2000]
    case, _created = Case.objects.select_for_update().get_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"programme_id": reportable.programme_id(obj)},
    )
    if case.state == CaseState.HIDDEN:
        raise BusinessError(_("This has already been hidden by the moderators."))
    if case.reports.filter(reporter=by, open=True).exists():
        raise BusinessError(_("You have already reported this: the team will look at it."))
    report = Report.objects.create(case=case, reporter=by, reason=reason, note=note)
    case.state = CaseState.OPEN
    reporters = case.reports.filter(open=True).values("reporter").distinct().count()
    if reporters >= hide_threshold() and not reportable.is_hidden(obj):
        reportable.set_hidden(obj, True)
        case.auto_hidden = True
        audit_record(action=AuditAction.AUTO_HIDDEN, by=None, target=case, reports=reporters)
        _tell_authors(
            reportable=reportable,
            obj=obj,
            kind=Notice.HIDDEN,
            by=None,
            note=_("several people reported it; the team will decide."),
        )
    case.save()
    audit_record(action=AuditAction.REPORTED, by=by, target=case, reason=reason)
    return report


@transaction.atomic
def case_decide(*, case: Case, by: User, hide: bool, note: str) -> Case:
    """The team hides the reported thing, or keeps it (showing it again if reports hid it),
    with a reason that its author reads. The open reports are closed with the decision."""
    permission_require(by, "moderation.decide_case", case, _("You may not decide on this."))
    note = note.strip()
    if not note:
        raise BusinessError(_("Say why: the author will read it."), field="note")
    key = f"{case.content_type.app_label}.{case.content_type.model}"
    reportable = _reportable(key)
    obj = reportable.fetch(case.object_id)
    if reportable.is_hidden(obj) != hide:
        reportable.set_hidden(obj, hide)
    case.state = CaseState.HIDDEN if hide else CaseState.KEPT
    case.auto_hidden = False
    case.decided_by, case.decided_at, case.decision_note = by, timezone.now(), note[:2000]
    case.save()
    case.reports.filter(open=True).update(open=False)
    audit_record(
        action=AuditAction.HIDDEN if hide else AuditAction.KEPT, by=by, target=case, note=note
    )
    _tell_authors(
        reportable=reportable,
        obj=obj,
        kind=Notice.HIDDEN if hide else Notice.KEPT,
        by=by,
        note=note,
    )
    return case

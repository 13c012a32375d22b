"""Reads of Self Data: a person's consents and receipts, the audit entries about them, their
current export; the team's audit log and list of inactive accounts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from alliage.actors.models import Person
from alliage.actors.selectors import person_for_user
from alliage.coalitions.predicates import team_programme_ids
from alliage.core.audit import audit_scope_q
from alliage.core.models import AuditEntry, User

from .consents import PURPOSES, PurposeText
from .models import ConsentReceipt, DataExport, ExportStatus, InactivityFlag


@dataclass(frozen=True)
class ConsentState:
    purpose: PurposeText
    granted: bool
    receipt: ConsentReceipt | None

    @property
    def outdated(self) -> bool:
        """Granted under an earlier version of the text."""
        return (
            self.granted
            and self.receipt is not None
            and self.receipt.text_version < self.purpose.version
        )


def latest_receipts(*, person: Person) -> dict[str, ConsentReceipt]:
    latest: dict[str, ConsentReceipt] = {}
    for receipt in ConsentReceipt.objects.filter(person=person).order_by("at", "id"):
        latest[receipt.purpose] = receipt
    return latest


def consent_granted(*, person: Person, purpose: PurposeText, latest: ConsentReceipt | None) -> bool:
    """A consent mirrored by a flag is what the flag says (the directory, the contact form and
    the matching engine read the flag); the newsletter's is its latest receipt."""
    if purpose.flag is not None:
        return bool(getattr(person, purpose.flag))
    return latest is not None and latest.granted


def consent_states(*, person: Person | None) -> list[ConsentState]:
    """Each purpose with its state. An account without a person has given no consent: its
    person, made on its first choice, starts with every consent off (``person_ensure``)."""
    if person is None:
        return [ConsentState(purpose=p, granted=False, receipt=None) for p in PURPOSES]
    latest = latest_receipts(person=person)
    return [
        ConsentState(
            purpose=p,
            granted=consent_granted(person=person, purpose=p, latest=latest.get(p.code)),
            receipt=latest.get(p.code),
        )
        for p in PURPOSES
    ]


def receipts_of(*, person: Person | None) -> QuerySet[ConsentReceipt]:
    if person is None:
        return ConsentReceipt.objects.none()
    return ConsentReceipt.objects.filter(person=person).order_by("-at", "-id")


def audit_about_q(user: User) -> Q:
    """What the person did, what was done to their account or profile, and what names them."""
    about = Q(actor=user) | Q(target_type="core.user", target_id=str(user.pk))
    person = person_for_user(user=user)
    if person is not None:
        about |= Q(target_type="actors.person", target_id=str(person.pk)) | Q(
            data__person=person.pk
        )
    return about


def audit_about(*, user: User) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(audit_about_q(user)).select_related("actor__person")


def audit_visible_to(*, viewer: User) -> QuerySet[AuditEntry]:
    """The whole log for a platform admin; for a programme's team, the entries about its
    programmes' objects (never log-ins, accounts or people, which belong to no programme)."""
    entries = AuditEntry.objects.all()
    if viewer.has_perm("selfdata.view_whole_audit_log"):
        return entries
    # A superuser has taken the branch above: the team's programmes, read once per user.
    return entries.filter(audit_scope_q(team_programme_ids(viewer)))


def audit_list(
    *,
    viewer: User,
    action: str = "",
    actor: str = "",
    target_type: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """The log the viewer may read, newest first, filtered; dates are whole days in the site's
    time zone."""
    entries = audit_visible_to(viewer=viewer).select_related("actor__person")
    if action:
        entries = entries.filter(action__startswith=action)
    if actor:
        entries = entries.filter(
            Q(actor__email__icontains=actor)
            | Q(actor__person__last_name__icontains=actor)
            | Q(actor__person__first_name__icontains=actor)
        )
    if target_type:
        entries = entries.filter(target_type=target_type)
    zone = timezone.get_current_timezone()
    if since:
        entries = entries.filter(at__gte=dt.datetime.combine(since, dt.time.min, zone))
    if until:
        entries = entries.filter(
            at__lt=dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, zone)
        )
    return entries.order_by("-at", "-id")


def audit_actions(*, viewer: User) -> list[str]:
    entries = audit_visible_to(viewer=viewer)
    return sorted(set(entries.values_list("action", flat=True).distinct()))


def audit_target_types(*, viewer: User) -> list[str]:
    entries = audit_visible_to(viewer=viewer).exclude(target_type="")
    return sorted(set(entries.values_list("target_type", flat=True)))


def export_current(*, user: User) -> DataExport | None:
    """The person's archive being prepared or waiting to be downloaded, if any."""
    export = (
        DataExport.objects.filter(
            user=user, status__in=(ExportStatus.PENDING, ExportStatus.READY, ExportStatus.FAILED)
        )
        .order_by("-requested_at", "-id")
        .first()
    )
    if export is not None and export.status == ExportStatus.READY and not export.is_live:
        return None
    return export


def inactive_accounts() -> QuerySet[InactivityFlag]:
    return InactivityFlag.objects.filter(user__is_active=True).select_related("user__person")

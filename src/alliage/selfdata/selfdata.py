"""What Self Data itself holds about a person: consent receipts, the audit entries about them,
their archives and an inactivity flag."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from alliage.core.models import AuditEntry, User
from alliage.core.personal_data import Dataset, Field, PersonalData

from .display import audit_display, receipt_display
from .models import ConsentReceipt, DataExport, ExportStatus, InactivityFlag, Purpose, ReceiptSource
from .selectors import audit_about
from .services import selfdata_erase


def _receipts(user: User) -> QuerySet[ConsentReceipt]:
    return ConsentReceipt.objects.filter(person__user=user).order_by("at", "id")


def _audit(user: User) -> QuerySet[AuditEntry]:
    """Newest first; whether the person did it is read in SQL, so a row needs only itself."""
    return (
        audit_about(user=user)
        .annotate(by_you=ExpressionWrapper(Q(actor_id=user.pk), output_field=BooleanField()))
        .order_by("-at", "-id")
    )


def _audit_row(e: AuditEntry) -> dict[str, Any]:
    return {
        "at": e.at,
        "action": e.action,
        "by_you": bool(e.by_you),  # type: ignore[attr-defined]
        "target_type": e.target_type,
        "target_id": e.target_id,
        "details": e.data,
    }


def _exports(user: User) -> QuerySet[DataExport]:
    return DataExport.objects.filter(user=user).order_by("requested_at", "id")


def _inactivity(user: User) -> Iterator[dict[str, Any]]:
    flag = InactivityFlag.objects.filter(user=user).first()
    if flag is not None:
        yield {"flagged_at": flag.flagged_at, "last_seen": flag.last_seen}


PERSONAL_DATA = PersonalData(
    app_label="selfdata",
    title=_("Consents and activity"),
    purpose=_(
        "To prove your consents, to keep a log of sensitive actions for your account's security, "
        "and to prepare your archives."
    ),
    retention=_(
        "Receipts and the activity log as long as your account exists; an archive is deleted once "
        "downloaded or when its link expires."
    ),
    recipients=_(
        "You; the activity log also to the programme team (for its programmes) and administrators."
    ),
    models=("selfdata.ConsentReceipt", "selfdata.DataExport", "selfdata.InactivityFlag"),
    erase=selfdata_erase,
    datasets=(
        Dataset(
            key="consent_receipts",
            title=_("Consent receipts"),
            description=_("Every consent you gave or withdrew, with the text you agreed to."),
            query=_receipts,
            display=receipt_display,
            fields=(
                Field(
                    "purpose",
                    _("Purpose"),
                    _("directory, contact, matching or newsletter"),
                    choices=Purpose,
                ),
                Field(
                    "granted", _("Given"), _("true for a consent given, false for one withdrawn")
                ),
                Field("at", _("When"), _("when (ISO 8601, UTC)")),
                Field("text_version", _("Text version"), _("the version of the purpose's text")),
                Field("text", _("Text shown"), _("the text as it was shown to you")),
                Field("language", _("Language"), _("the language it was shown in")),
                Field(
                    "source",
                    _("Source"),
                    _("form (the consents page), initial or erasure"),
                    choices=ReceiptSource,
                ),
            ),
        ),
        Dataset(
            key="audit_events",
            title=_("Activity log"),
            description=_(
                "The sensitive actions you made and the ones made on your account or profile: "
                "log-ins, failed log-ins, changes of role, consents, exports."
            ),
            query=_audit,
            row=_audit_row,
            display=audit_display,
            fields=(
                Field("at", _("When"), _("when (ISO 8601, UTC)")),
                Field("action", _("Action"), _("what happened (code)")),
                Field("by_you", _("By you"), _("true if you did it")),
                Field("target_type", _("Object type"), _("the kind of object it concerned")),
                Field("target_id", _("Object"), _("that object's number")),
                Field("details", _("Details"), _("details recorded with it")),
            ),
        ),
        Dataset(
            key="exports",
            title=_("Archives of your data"),
            description=_("The archives of your data you asked for."),
            query=_exports,
            fields=(
                Field("requested_at", _("Requested"), _("when you asked (ISO 8601, UTC)")),
                Field(
                    "status",
                    _("Status"),
                    _("pending, ready, downloaded, expired or failed"),
                    choices=ExportStatus,
                ),
                Field("expires_at", _("Expires"), _("when its link stops working")),
                Field("downloaded_at", _("Downloaded"), _("when you downloaded it")),
            ),
        ),
        Dataset(
            key="inactivity",
            title=_("Inactive account"),
            description=_(
                "Present if your account was flagged as inactive after a long time without a "
                "log-in; logging in again removes the flag."
            ),
            export=_inactivity,
            fields=(
                Field("flagged_at", _("Flagged"), _("when it was flagged (ISO 8601, UTC)")),
                Field("last_seen", _("Last seen"), _("your last log-in before that")),
            ),
        ),
    ),
)

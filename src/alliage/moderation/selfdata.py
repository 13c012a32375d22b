"""What moderation holds about a person: the reports they made. Erased with the account
(a report is the reporter's, not the reported's); the team's decisions stay, anonymous."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData

from .models import Case, Report


def _reports(user: User) -> QuerySet[Report]:
    return Report.objects.filter(reporter=user).order_by("created", "id")


def _row(report: Report) -> dict[str, object]:
    return {"reported": report.created, "reason": report.get_reason_display(), "note": report.note}


def erase(user: User) -> None:
    Report.objects.filter(reporter=user).delete()
    Case.objects.filter(decided_by=user).update(decided_by=None)


PERSONAL_DATA = PersonalData(
    app_label="moderation",
    title=_("Moderation"),
    purpose=_("To handle the contents you reported."),
    retention=_("As long as your account exists; erased with it."),
    recipients=_(
        "The programme team and administrators who moderate; never the author of the reported "
        "content."
    ),
    models=("moderation.Report", "moderation.Case"),
    erase=erase,
    datasets=(
        Dataset(
            key="reports",
            title=_("Your reports"),
            description=_("What you reported to the moderators."),
            query=_reports,
            row=_row,
            fields=(
                Field("reported", _("Reported"), _("when you reported it")),
                Field("reason", _("Reason"), _("the reason you chose")),
                Field("note", _("Details"), _("what you told the team")),
            ),
        ),
    ),
)

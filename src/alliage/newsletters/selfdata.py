"""What newsletters holds about a person: the copies sent to them (and, for a team member,
the newsletters they wrote); how it is exported and erased."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData

from .models import Delivery, Newsletter, NewsletterStatus


def erase(user: User) -> None:
    """The copies sent to them go; the newsletters they wrote stay, the programme's, without
    their name."""
    Delivery.objects.filter(user=user).delete()
    Newsletter.objects.filter(created_by=user).update(created_by=None)


def _delivery_row(delivery: Any) -> dict[str, Any]:
    return {
        "newsletter": delivery.newsletter.subject,
        "programme": delivery.newsletter.programme.name,
        "sent_at": delivery.sent_at,
    }


PERSONAL_DATA = PersonalData(
    app_label="newsletters",
    title=_("Newsletters"),
    purpose=_(
        "To send you the programme's newsletter if you consented, and to know who wrote each issue."
    ),
    retention=_("Until you withdraw your consent or erase your account."),
    recipients=_("You and the programme team."),
    models=("newsletters.Delivery", "newsletters.Newsletter"),
    erase=erase,
    datasets=(
        Dataset(
            key="newsletter_deliveries",
            title=_("Newsletters received"),
            description=_("The programme newsletters sent to you, and when."),
            query=lambda user: (
                Delivery.objects.filter(user=user)
                .select_related("newsletter__programme")
                .order_by("pk")
            ),
            row=_delivery_row,
            fields=(
                Field("newsletter", _("Newsletter"), _("its subject")),
                Field("programme", _("Programme"), _("the programme that sent it")),
                Field("sent_at", _("Sent"), _("when it was sent to you")),
            ),
        ),
        Dataset(
            key="newsletters_written",
            title=_("Newsletters written"),
            description=_("The newsletters you wrote for a programme's team."),
            query=lambda user: Newsletter.objects.filter(created_by=user).order_by("pk"),
            fields=(
                Field("subject", _("Subject"), _("its subject")),
                Field(
                    "status", _("Status"), _("draft, being sent or sent"), choices=NewsletterStatus
                ),
                Field("created_at", _("Created"), _("when it was written")),
                Field("sent_at", _("Sent"), _("when it was sent, if it was")),
            ),
        ),
    ),
)

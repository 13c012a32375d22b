"""What notifications holds about a person: their notifications, delivery choices and digest
times; how it is exported and erased."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData

from .kinds import Delivery, all_kinds
from .models import DigestState, Notification, Preference


def erase(user: User) -> None:
    """Everything goes: notifications, choices, digest times."""
    Notification.objects.filter(recipient=user).delete()
    Preference.objects.filter(user=user).delete()
    DigestState.objects.filter(user=user).delete()


def notifications_display(rows: list[dict[str, Any]], user: User) -> list[dict[str, Any]]:
    """Each notification as its kind's name and the line it reads as, in the reader's
    language (a kind no longer registered keeps its stored key and details)."""
    kinds = all_kinds()
    shown = []
    for row in rows:
        kind = kinds.get(row.get("kind", ""))
        context = row.get("context")
        if kind is None or not isinstance(context, dict):
            shown.append({})
            continue
        shown.append({"kind": str(kind.label), "context": kind.render(context)})
    return shown


def _kind_label(key: str) -> str:
    kind = all_kinds().get(key)
    return str(kind.label) if kind else key


PERSONAL_DATA = PersonalData(
    app_label="notifications",
    title=_("Notifications"),
    purpose=_(
        "To tell you, on the site and by e-mail as you choose, what happens in what concerns you."
    ),
    retention=_("As long as your account exists; erased with it."),
    recipients=_("You only."),
    models=("notifications.Notification", "notifications.Preference", "notifications.DigestState"),
    erase=erase,
    datasets=(
        Dataset(
            key="notifications",
            title=_("Notifications"),
            description=_("What Alliage told you about, and when you read it."),
            query=lambda user: Notification.objects.filter(recipient=user).order_by("pk"),
            display=notifications_display,
            fields=(
                Field("kind", _("Kind"), _("the kind of notification")),
                Field("url", _("Link"), _("where it leads")),
                Field("context", _("Details"), _("the names and titles it mentions")),
                Field("created_at", _("Created"), _("when it was made")),
                Field("read_at", _("Read"), _("when you read it, if you did")),
                Field("emailed_at", _("E-mailed"), _("when it was e-mailed, if it was")),
            ),
        ),
        Dataset(
            key="notification_preferences",
            title=_("Notification settings"),
            description=_("How you chose to hear about each kind of notification."),
            query=lambda user: Preference.objects.filter(user=user).order_by("kind"),
            fields=(
                Field("kind", _("Kind"), _("the kind of notification"), choices=_kind_label),
                Field(
                    "delivery", _("Delivery"), _("now, daily, weekly or never"), choices=Delivery
                ),
            ),
        ),
    ),
)

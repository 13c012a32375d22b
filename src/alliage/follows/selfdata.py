"""What follows holds about a person: what they follow; exported, and erased with the account."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData

from .models import Follow


def _follows(user: User) -> Iterator[dict[str, Any]]:
    for follow in Follow.objects.filter(user=user).select_related("content_type"):
        target = follow.target
        yield {
            "kind": follow.content_type.name,
            "title": str(target) if target is not None else "",
            "created": follow.created,
        }


def erase(user: User) -> None:
    Follow.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(
    app_label="follows",
    title=_("Follows"),
    purpose=_("To tell you about what you follow."),
    retention=_("Until you stop following, or erase your account."),
    recipients=_("You only."),
    models=("follows.Follow",),
    erase=erase,
    datasets=(
        Dataset(
            key="follows",
            title=_("What you follow"),
            description=_("The coalitions, programmes, calls and organisations you follow."),
            export=_follows,
            fields=(
                Field("kind", _("Kind"), _("what kind of thing you follow")),
                Field("title", _("Title"), _("its name")),
                Field("created", _("Since"), _("when you started following it")),
            ),
        ),
    ),
)

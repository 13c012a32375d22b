"""What the API holds about a person: their tokens (never the secret, which is not kept), and
for 24 hours the answers to their writes sent with an Idempotency-Key (copies of what the
other apps export, so not exported again). An erasure deletes the tokens, and the kept answers
with them: a token is access, not a contribution."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData

from .models import ApiToken


def _tokens(user: User) -> Iterator[dict[str, Any]]:
    for token in ApiToken.objects.filter(person__user=user).order_by("created_at", "id"):
        yield {
            "name": token.name,
            "prefix": token.prefix,
            "scope": token.scope,
            "created_at": token.created_at,
            "last_used_at": token.last_used_at,
            "revoked_at": token.revoked_at,
        }


def _erase(user: User) -> None:
    ApiToken.objects.filter(person__user=user).delete()


PERSONAL_DATA = PersonalData(
    app_label="api",
    title=_("API"),
    purpose=_("To let your own programs use the API on your behalf."),
    retention=_("Until you revoke the token, or erase your account."),
    recipients=_("You only (a token is shown once, then stored hashed)."),
    models=("api.ApiToken", "api.IdempotentResponse"),
    erase=_erase,
    datasets=(
        Dataset(
            key="api_tokens",
            title=_("Your API tokens"),
            description=_(
                "The personal tokens you created for the API. Their secret is not kept: only "
                "a hash of it, which is not exported."
            ),
            export=_tokens,
            fields=(
                Field("name", _("Name"), _("the name you gave the token")),
                Field("prefix", _("Prefix"), _("the public part of the token, which names it")),
                Field("scope", _("Scope"), _("read, or write (read and write)")),
                Field("created_at", _("Created"), _("when you created it (ISO 8601, UTC)")),
                Field("last_used_at", _("Last used"), _("when it was last used, to the minute")),
                Field("revoked_at", _("Revoked"), _("when you revoked it, if you did")),
            ),
        ),
    ),
)

"""Reads of the API app: a person's own tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from alliage.core.models import User

from .models import ApiToken


def token_list(*, user: User) -> QuerySet[ApiToken]:
    """The account's tokens, newest first (none for an account without a person yet)."""
    return ApiToken.objects.filter(person__user=user).order_by("-created_at")


def token_of(*, user: User, prefix: str) -> ApiToken:
    """One of the account's own tokens by its prefix; ``ApiToken.DoesNotExist`` for anyone
    else's, so that a token of someone else cannot even be told to exist."""
    return ApiToken.objects.select_related("person").get(prefix=prefix, person__user=user)

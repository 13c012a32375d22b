"""The signed link that confirms an account's address: valid PASSWORD_RESET_TIMEOUT (three
days), once (confirming changes the hash), and only for the latest sign-up (a new password
changes it too)."""

from __future__ import annotations

from django.contrib.auth.tokens import PasswordResetTokenGenerator

from alliage.core.models import User


class AddressConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "alliage.accounts.tokens.AddressConfirmationTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:  # type: ignore[override]
        return f"{user.pk}{user.password}{user.email}{user.email_confirmed}{timestamp}"


confirmation_tokens = AddressConfirmationTokenGenerator()

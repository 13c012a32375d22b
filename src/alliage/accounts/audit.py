"""What the accounts app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    ADDRESS_CONFIRMED = "account.address_confirmed", _("E-mail address confirmed")
    SIGNUP_REPEATED = "account.signup_repeated", _("Sign-up tried with the account's address")

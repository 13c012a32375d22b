"""Accounts: sign-up with a confirmed address, log-in and password reset, and their limits.

May import core and actors (the person an account acts through). What it adds to other apps is
in ``hooks.py``.
"""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "alliage.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

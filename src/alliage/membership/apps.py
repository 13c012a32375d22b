"""Membership, self-served: a person applies for a tier (for themself or an organisation they
belong to), withdraws, is told the team's answer and reminded before the end.

May import core, notifications and actors (through its models, services and selectors).
"""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "alliage.membership"
    label = "membership"
    verbose_name = _("Membership")

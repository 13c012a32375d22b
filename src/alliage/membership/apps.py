"""Membership, self-served: a person applies for a tier (for themself or an organisation they
belong to), withdraws, is told the team's answer and reminded before the end, renews in one
click, designates who votes for an organisation, and prints a receipt ("My membership" on
/me/).

May import core, notifications, actors (through its models, services and selectors) and legal
(the receipt's issuer).
"""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "alliage.membership"
    label = "membership"
    verbose_name = _("Membership")

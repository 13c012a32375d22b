"""Invitations: a coalition's lead invites a person, an organisation or an e-mail address to
join it, and anyone asks the platform to introduce two actors to each other. May import core,
actors, coalitions, follows and notifications."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvitationsConfig(AppConfig):
    name = "alliage.invitations"
    label = "invitations"
    verbose_name = _("Invitations")

"""My space: a signed-in person's home (/me/), made of what each app adds to it (what
waits for them, their coalitions, proposals, registrations). Sits on top, like the team's area."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyspaceConfig(AppConfig):
    name = "alliage.myspace"
    label = "myspace"
    verbose_name = _("My space")

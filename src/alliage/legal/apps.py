"""Legal and trust pages: legal notice, privacy (generated from the personal-data registry),
terms of use, accessibility statement and the service's status page.

May import core (the personal-data registry, the health report); reads no other app."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "alliage.legal"
    label = "legal"
    verbose_name = _("Legal information")

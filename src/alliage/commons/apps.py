"""Commons: the programme's publications under free licences (cahiers, guides, kits, articles,
datasets…), their files and versions, declared reuses, feeds, the DCAT catalogue, and the
archive of the platform's own open data. May import core, actors and coalitions."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonsConfig(AppConfig):
    name = "alliage.commons"
    label = "commons"
    verbose_name = _("Commons")

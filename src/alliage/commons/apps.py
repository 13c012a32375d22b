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

    def ready(self) -> None:
        from alliage.actors.registry import register_profile_section
        from alliage.coalitions.registry import register_page_section

        from . import exports
        from .profile import authored_section, page_section

        register_profile_section(authored_section)
        register_page_section(page_section)
        exports.register()

        from alliage.core.personal_data import register_personal_data

        from .selfdata import PERSONAL_DATA

        register_personal_data(PERSONAL_DATA)

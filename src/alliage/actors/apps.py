"""Actors: organisations, people, their affiliations, tags and memberships (adhésions).

May import core only.
"""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "alliage.actors"
    label = "actors"
    verbose_name = _("Actors")

    def ready(self) -> None:
        from alliage.core.personal_data import register_personal_data

        from .selfdata import PERSONAL_DATA

        register_personal_data(PERSONAL_DATA)
        self._register_opendata()

    def _register_opendata(self) -> None:
        from alliage.core.opendata import register_queryset_exporter

        from .models import Organisation, Person

        register_queryset_exporter(
            "organisations",
            title=_("Organisations"),
            description=_("Organisations listed in the directory."),
            queryset=lambda: Organisation.objects.filter(is_listed=True).order_by("pk"),
            fields="slug name kind city website description",
            app_label=self.label,
        )
        register_queryset_exporter(
            "people",
            title=_("People"),
            description=_("People listed in the directory: their name only."),
            queryset=lambda: Person.objects.filter(is_listed=True, user__is_active=True),
            fields="pk first_name last_name",
            app_label=self.label,
        )

"""The free licences a publication may carry, by SPDX identifier, with their official text."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Licence:
    spdx: str
    short: str
    name: str  # the licence's own name, never translated
    url: str
    summary: str | Promise


LICENCES: dict[str, Licence] = {
    licence.spdx: licence
    for licence in (
        Licence(
            "CC-BY-4.0",
            "CC BY 4.0",
            "Creative Commons Attribution 4.0 International",
            "https://creativecommons.org/licenses/by/4.0/",
            _("Share and adapt freely, even commercially, crediting the authors."),
        ),
        Licence(
            "CC-BY-SA-4.0",
            "CC BY-SA 4.0",
            "Creative Commons Attribution-ShareAlike 4.0 International",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            _(
                "Share and adapt freely, crediting the authors and sharing adaptations under "
                "the same licence."
            ),
        ),
        Licence(
            "CC0-1.0",
            "CC0 1.0",
            "Creative Commons Zero 1.0 Universal",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            _("Dedicated to the public domain: reuse without any condition."),
        ),
        Licence(
            "ODbL-1.0",
            "ODbL 1.0",
            "Open Data Commons Open Database License 1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
            _(
                "Reuse the data freely, crediting the source and sharing derived databases "
                "under the same licence."
            ),
        ),
        Licence(
            "etalab-2.0",
            "Licence Ouverte 2.0",
            "Licence Ouverte / Open Licence 2.0 (Etalab)",
            "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            _("Reuse freely, even commercially, mentioning the source and its last update."),
        ),
    )
}
DEFAULT_LICENCE = "CC-BY-4.0"
PLATFORM_DATA_LICENCE = "etalab-2.0"  # the licence of the platform's own open data
LICENCE_CHOICES = [(lic.spdx, f"{lic.short} — {lic.name}") for lic in LICENCES.values()]


def licence_for(spdx: str) -> Licence:
    return LICENCES.get(spdx) or LICENCES[DEFAULT_LICENCE]

"""Reads of the legal pages: who publishes the site (from settings), what the platform holds
about people (the personal-data registry) and how the service is doing (core's health
report, the one /healthz answers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from alliage.core.personal_data import Dataset, Text, personal_data_entries
from alliage.core.views import health_report

# The publisher's defaults: the Fing runs the programme the platform was built for. A site run
# by someone else sets ALLIAGE_PUBLISHER_* in its settings.
PUBLISHER_DEFAULTS: dict[str, str] = {
    "NAME": "Fondation Internet Nouvelle Génération (Fing)",
    "ADDRESS": "",
    "DIRECTOR": "",
    "EMAIL": "",
    "REGISTRATION": "",
    "HOST_NAME": "",
    "HOST_ADDRESS": "",
    "DPO_EMAIL": "",
    "ACCESSIBILITY_EMAIL": "",
}


@dataclass(frozen=True)
class Publisher:
    name: str
    address: str
    director: str
    email: str
    registration: str
    host_name: str
    host_address: str
    dpo_email: str
    accessibility_email: str


def publisher() -> Publisher:
    """The site's publisher, host and contacts, each from ``ALLIAGE_PUBLISHER_<KEY>`` when the
    settings define it; the contact addresses fall back on the publisher's."""
    values = {
        key.lower(): str(getattr(settings, f"ALLIAGE_PUBLISHER_{key}", default) or "")
        for key, default in PUBLISHER_DEFAULTS.items()
    }
    values["dpo_email"] = values["dpo_email"] or values["email"]
    values["accessibility_email"] = values["accessibility_email"] or values["email"]
    return Publisher(**values)


@dataclass(frozen=True)
class HeldData:
    """One app's part of the privacy page: what, why, for how long, who sees it."""

    app_label: str
    title: Text
    datasets: tuple[Dataset, ...]
    purpose: Text
    retention: Text
    recipients: Text
    described: bool


DEFAULT_PURPOSE = _("To run the service you use: the pages and actions it serves.")
DEFAULT_RETENTION = _(
    "As long as your account exists; erased or anonymised when you erase your account."
)
DEFAULT_RECIPIENTS = _("You, and the platform's administrators.")


def held_data() -> list[HeldData]:
    """Every registry entry that holds data, in the export's order, with its own words or the
    platform's general rule where it gives none."""
    return [
        HeldData(
            app_label=entry.app_label,
            title=entry.title,
            datasets=entry.datasets,
            purpose=entry.purpose or DEFAULT_PURPOSE,
            retention=entry.retention or DEFAULT_RETENTION,
            recipients=entry.recipients or DEFAULT_RECIPIENTS,
            described=bool(entry.purpose and entry.retention and entry.recipients),
        )
        for entry in personal_data_entries()
        if entry.datasets
    ]


@dataclass(frozen=True)
class Check:
    name: str
    label: Text
    ok: bool
    body: dict[str, Any]


CHECK_LABELS: dict[str, Text] = {
    "database": _("Database"),
    "queue": _("Background tasks (e-mails, archives, reminders)"),
    "storage": _("File storage (uploads and archives)"),
    "cache": _("Cache (sessions and limits)"),
}


def service_status() -> tuple[list[Check], bool]:
    """The checks of /healthz (the same function), each with a name a person reads."""
    checks, healthy = health_report()
    rows = []
    for name, body in checks.items():
        status = str(body.get("status", ""))
        rows.append(
            Check(
                name=name,
                label=CHECK_LABELS.get(name, name),
                ok=status in ("ok", "up"),
                body=body,
            )
        )
    return rows, healthy

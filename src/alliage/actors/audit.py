"""What the actors app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    ACCOUNT_CREATED = "account.created", _("Account created")
    ORGANISATION_CREATED = "organisation.created", _("Organisation created")
    ORGANISATION_UPDATED = "organisation.updated", _("Organisation updated")
    ORGANISATIONS_MERGED = "organisation.merged", _("Duplicate organisations merged")
    PERSON_CREATED = "person.created", _("Person created by the team")
    PERSON_UPDATED = "person.updated", _("Person updated by the team")
    PEOPLE_MERGED = "person.merged", _("Duplicate people merged")
    MEMBERSHIP_SAVED = "membership.saved", _("Membership saved")
    MEMBERSHIP_RENEWED = "membership.renewed", _("Membership renewed")
    AFFILIATION_REQUEST_ANSWERED = (
        "affiliation_request.answered",
        _("Request to join an organisation answered"),
    )
